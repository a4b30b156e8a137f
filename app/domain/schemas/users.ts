import { z } from "zod";
import { ROLES } from "../roles";
import { newPasswordSchema } from "../passwords";
import type { Role } from "../../../db/schema";

const email = z
  .string({ error: "es obligatorio" })
  .trim()
  .toLowerCase()
  .min(1, "es obligatorio")
  .pipe(z.email("no es una dirección de correo válida"));

const role = z.enum(ROLES as [Role, ...Role[]], { error: "debe ser uno de los perfiles del sistema" });

/** Unit ids from a form: one value or many, as strings or numbers. */
const unitIds = z
  .union([z.array(z.coerce.number().int().positive()), z.coerce.number().int().positive()])
  .optional()
  .transform((value) => (value == null ? [] : Array.isArray(value) ? [...new Set(value)] : [value]));

export const userFieldsSchema = z
  .object({
    email,
    name: z.string({ error: "es obligatorio" }).trim().min(1, "es obligatorio").max(160, "no puede superar 160 caracteres"),
    role,
    unitIds,
  })
  .refine((user) => user.role !== "unit_head" || user.unitIds.length > 0, {
    message: "una jefatura debe tener al menos una unidad",
    path: ["unitIds"],
  });

export const createUserSchema = z.intersection(
  userFieldsSchema,
  z.object({ password: newPasswordSchema.optional().or(z.literal("").transform(() => undefined)) }),
);

export const USER_FIELD_LABELS: Record<string, string> = {
  email: "Correo",
  name: "Nombre",
  role: "Perfil",
  unitIds: "Unidades",
  password: "Contraseña",
  currentPassword: "Contraseña actual",
  newPassword: "Nueva contraseña",
  confirmPassword: "Confirmación",
};

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "es obligatoria" }).min(1, "es obligatoria"),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "es obligatoria" }),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    message: "no coincide con la nueva contraseña",
    path: ["confirmPassword"],
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    message: "debe ser distinta de la actual",
    path: ["newPassword"],
  });

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).default(""),
  password: z.string().max(200).default(""),
});
