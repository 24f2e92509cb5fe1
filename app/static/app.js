// The page's behaviour: says which release this script belongs to and which the server runs,
// saves a note and reads it back at once (read-your-writes in action), and shows every failed
// request to the user.
"use strict";

/** The release this script belongs to: the app writes it in when it loads its assets. */
const SCRIPT_RELEASE = "{{release}}";

/** The JSON body of a successful answer; otherwise an Error naming the status and the reason. */
async function jsonOf(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${response.status} ${body.error ?? response.statusText}`);
  return body;
}

/** Saves a note, then reads it back at once; an Error says which of the two failed. */
async function saveAndReadBack(slug, body) {
  let note;
  try {
    note = await jsonOf(
      await fetch("/notes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slug, body }),
      }),
    );
  } catch (error) {
    throw new Error(`The note was not saved: ${error.message}.`, { cause: error });
  }
  try {
    return await jsonOf(await fetch(`/notes/${note.id}`));
  } catch (error) {
    throw new Error(`The note was saved, but reading it back failed: ${error.message}.`, {
      cause: error,
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const saved = document.getElementById("saved");
  const problem = document.getElementById("problem");
  const form = document.getElementById("note");
  const showProblem = (message) => {
    problem.textContent = message;
    problem.hidden = false;
  };

  document.getElementById("script-release").textContent = SCRIPT_RELEASE;
  void fetch("/release")
    .then(jsonOf)
    .then((release) => {
      document.getElementById("server-release").textContent = release.releaseId;
      document.getElementById("schema").textContent = String(release.schemaVersion);
    })
    .catch((error) => {
      showProblem(`Could not ask the server which release it runs: ${error.message}.`);
    });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    saved.textContent = "";
    problem.hidden = true;
    void saveAndReadBack(data.get("slug"), data.get("body")).then(
      (note) => {
        saved.textContent = `Saved and read back: ${note.body}`;
      },
      (error) => {
        showProblem(error.message);
      },
    );
  });
});
