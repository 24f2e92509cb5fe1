/** Hashed assets never change under the same name. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
