import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/**
 * Labelled form fields with their hint and error tied to the control (aria-describedby,
 * aria-invalid), so every form reads the same way to a screen reader and to the eye.
 */
interface FieldFrame {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Element id; defaults to the name (give one when a page has two forms with the same field). */
  id?: string;
  className?: string;
}

function frameIds(props: FieldFrame) {
  const id = props.id ?? props.name;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
}

function Frame(props: FieldFrame & { ids: ReturnType<typeof frameIds>; children: ReactNode }) {
  return (
    <div className={["field", props.error ? "field--invalid" : "", props.className ?? ""].filter(Boolean).join(" ")}>
      <label htmlFor={props.ids.id}>{props.label}</label>
      {props.hint ? (
        <p id={props.ids.hintId} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p id={props.ids.errorId} className="field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">;

export function TextField({ name, label, hint, error, id, className, ...input }: InputProps) {
  const ids = frameIds({ name, label, hint, error, id });
  return (
    <Frame name={name} label={label} hint={hint} error={error} className={className} ids={ids}>
      <input
        id={ids.id}
        name={name}
        type="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </Frame>
  );
}

/** A decimal typed the Chilean way ("1.234,5") or plainly; the server parses both. */
export function NumberField(props: InputProps) {
  return <TextField inputMode="decimal" autoComplete="off" {...props} />;
}

type TextAreaProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">;

export function TextAreaField({ name, label, hint, error, id, className, ...textarea }: TextAreaProps) {
  const ids = frameIds({ name, label, hint, error, id });
  return (
    <Frame name={name} label={label} hint={hint} error={error} className={className} ids={ids}>
      <textarea
        id={ids.id}
        name={name}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...textarea}
      />
    </Frame>
  );
}

export interface Choice {
  value: string | number;
  label: string;
}

type SelectProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "className"> & {
    choices: readonly Choice[];
    /** A first, empty option ("Todas", "Elija…"). */
    placeholder?: string;
  };

/** Records with an id and a name (units, pillars, axes) as a select's choices. */
export const choicesOf = (items: readonly { id: number; name: string }[]) => items.map((item) => ({ value: item.id, label: item.name }));

export function SelectField({ name, label, hint, error, id, className, choices, placeholder, ...select }: SelectProps) {
  const ids = frameIds({ name, label, hint, error, id });
  return (
    <Frame name={name} label={label} hint={hint} error={error} className={className} ids={ids}>
      <select id={ids.id} name={name} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {placeholder != null ? <option value="">{placeholder}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

type CheckboxProps = Omit<FieldFrame, "hint"> &
  Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className" | "type"> & { hint?: ReactNode };

export function CheckboxField({ name, label, hint, error, id, className, ...input }: CheckboxProps) {
  const ids = frameIds({ name, label, hint, error, id });
  return (
    <div className={["field field--checkbox", error ? "field--invalid" : "", className ?? ""].filter(Boolean).join(" ")}>
      <div className="field__checkbox-row">
        <input
          id={ids.id}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          {...input}
        />
        <label htmlFor={ids.id}>{label}</label>
      </div>
      {hint ? (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Several checkboxes under one legend, sent as repeated `name` values. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  choices: readonly Choice[];
  defaultValues?: readonly (string | number)[];
  hint?: ReactNode;
  error?: string;
}) {
  const selected = new Set((props.defaultValues ?? []).map(String));
  const errorId = props.error ? `${props.name}-error` : undefined;
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  return (
    <fieldset
      className={`field field--group${props.error ? " field--invalid" : ""}`}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.choices.map((choice) => {
        const id = `${props.name}-${choice.value}`;
        return (
          <div key={choice.value} className="field__checkbox-row">
            <input id={id} type="checkbox" name={props.name} value={choice.value} defaultChecked={selected.has(String(choice.value))} />
            <label htmlFor={id}>{choice.label}</label>
          </div>
        );
      })}
      {props.error ? (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The message at the top of a form after a failed or successful submit. */
export function FormMessage({ result }: { result?: { ok: boolean; message: string } | null }) {
  if (!result) return null;
  return (
    <p className={`alert ${result.ok ? "alert--success" : "alert--error"}`} role={result.ok ? "status" : "alert"}>
      {result.message}
    </p>
  );
}
