/**
 * PostgreSQL functions that Aurora PostgreSQL refuses, so the app must never call them.
 *
 * Source: Aurora PostgreSQL answers a call with SQLSTATE 0A000 (feature_not_supported) and
 * "Function <name>() is currently not supported for Aurora". Aurora's readers share the cluster's
 * storage instead of replaying a WAL stream, so the WAL position, WAL file, replay and replay-lag
 * functions of community PostgreSQL have nothing to answer with (see "Replication with Amazon
 * Aurora PostgreSQL" in the Aurora User Guide; the error text is what an Aurora cluster returns
 * for each of these). Names before PostgreSQL 10 (`xlog`, `location`) are listed too.
 */
export const AURORA_UNSUPPORTED_FUNCTIONS: readonly string[] = [
  // WAL positions on the writer
  "pg_current_wal_lsn",
  "pg_current_wal_insert_lsn",
  "pg_current_wal_flush_lsn",
  "pg_wal_lsn_diff",
  "pg_current_xlog_location",
  "pg_current_xlog_insert_location",
  "pg_current_xlog_flush_location",
  "pg_xlog_location_diff",
  // WAL receive and replay on a standby
  "pg_last_wal_receive_lsn",
  "pg_last_wal_replay_lsn",
  "pg_last_xact_replay_timestamp",
  "pg_last_xlog_receive_location",
  "pg_last_xlog_replay_location",
  "pg_is_wal_replay_paused",
  "pg_get_wal_replay_pause_state",
  "pg_wal_replay_pause",
  "pg_wal_replay_resume",
  "pg_promote",
  // WAL files and WAL control
  "pg_switch_wal",
  "pg_switch_xlog",
  "pg_walfile_name",
  "pg_walfile_name_offset",
  "pg_xlogfile_name",
  "pg_ls_waldir",
  "pg_create_restore_point",
  "pg_backup_start",
  "pg_backup_stop",
  // WAL statistics and the WAL receiver
  "pg_stat_get_wal",
  "pg_stat_get_wal_receiver",
];
