// Shows the schema version and saves a note, then reads it back (read-your-writes in action).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const schema = document.getElementById("schema");
  const saved = document.getElementById("saved");
  const form = document.getElementById("note");
  void fetch("/release")
    .then((response) => response.json())
    .then((release) => {
      schema.textContent = String(release.schemaVersion);
    });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    void fetch("/notes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: data.get("slug"), body: data.get("body") }),
    })
      .then((response) => response.json())
      .then((note) => fetch(`/notes/${note.id}`))
      .then((response) => response.json())
      .then((note) => {
        saved.textContent = `Saved and read back: ${note.body}`;
      });
  });
});
