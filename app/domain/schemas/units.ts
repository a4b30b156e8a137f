import { z } from "zod";
import type { UnitKind } from "../../../db/schema";

export const UNIT_KINDS = ["division", "department", "section", "office"] as const satisfies readonly UnitKind[];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  division: "División",
  department: "Departamento",
  section: "Sección",
  office: "Oficina",
};

export const UNIT_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  name: "Nombre",
  kind: "Tipo",
  parentId: "Unidad superior",
};

/** A parent chosen in a select: blank means a top-level unit. */
const parentId = z.preprocess(
  (value) => {
    if (value === "" || value == null) return null;
    return typeof value === "string" && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value;
  },
  z
    .number({ error: "no es una unidad válida" })
    .int("no es una unidad válida")
    .positive("no es una unidad válida")
    .max(2_147_483_647, "no es una unidad válida")
    .nullable(),
);

export const unitInputSchema = z.object({
  // Codes are acronyms (DIPLADE, DTI): kept upper-case so "dti" and "DTI" cannot both exist.
  code: z
    .string({ error: "es obligatorio" })
    .trim()
    .min(1, { error: "es obligatorio", abort: true })
    .max(20, "no puede superar 20 caracteres")
    .regex(/^[A-Za-z0-9._-]+$/, "solo letras sin tilde, números, punto, guion y guion bajo, sin espacios")
    .transform((code) => code.toUpperCase()),
  name: z
    .string({ error: "es obligatorio" })
    .trim()
    .min(1, "es obligatorio")
    .max(160, "no puede superar 160 caracteres"),
  kind: z.enum(UNIT_KINDS, { error: "debe ser división, departamento, sección u oficina" }),
  parentId,
});

export type UnitInput = z.infer<typeof unitInputSchema>;

export const UNIT_KIND_CHOICES = UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }));
