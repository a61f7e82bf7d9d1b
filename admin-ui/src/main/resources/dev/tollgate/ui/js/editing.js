// Saving a form: the API's 400 field errors go next to their fields, other failures to the
// form's own message; the form itself is never rebuilt on failure, so nothing typed is lost.
import { h, fill } from "./dom.js";
import { ApiError } from "./api.js";

/**
 * A form element around a schema form with a save button.
 * @param save async () => result; throws ApiError on failure
 * @param done (result) => void after a successful save
 */
export function savingForm(form, { submitLabel = "Save", save, done, extra = [] }) {
  const status = h("p.form-status", { role: "status", "aria-live": "polite" });
  const submit = h("button.primary", { type: "submit" }, submitLabel);
  const el = h("form.entity-form", { novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    fill(status, "Saving…");
    status.className = "form-status";
    form.clear();
    try {
      const result = await save();
      fill(status, "Saved.");
      status.classList.add("ok");
      if (done) done(result);
    } catch (err) {
      status.classList.add("error");
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 401) {
        const left = form.errors(err.fields);
        fill(status, err.status === 400 && !left.length && Object.keys(err.fields).length
          ? "Not saved: correct the marked fields."
          : `Not saved: ${left.length ? left.join("; ") : err.message}`);
      } else {
        fill(status, `Not saved: ${err.message}. Your changes are still here.`);
      }
    } finally {
      submit.disabled = false;
    }
  } }, form.el, h("div.form-actions", null, submit, extra, status));
  return el;
}

/** A delete button that asks first. */
export function deleteButton(what, remove, after) {
  return h("button.danger", { type: "button", onclick: async (e) => {
    if (!window.confirm(`Delete ${what}? This cannot be undone.`)) return;
    const b = e.currentTarget;
    b.disabled = true;
    try {
      await remove();
      after();
    } catch (err) {
      b.disabled = false;
      b.after(h("p.field-error", { role: "alert" }, `Not deleted: ${err.message}`));
    }
  } }, `Delete ${what}`);
}
