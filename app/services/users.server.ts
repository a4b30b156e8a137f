import { randomInt } from "node:crypto";
import { listUnits } from "../../db/queries/units";
import {
  countActiveAdmins,
  deleteUserSessions,
  emailExists,
  existingUnitIds,
  findUser,
  insertUser,
  listUsers,
  replaceUserUnits,
  setPasswordHash,
  setUserActive,
  updateUserProfile,
} from "../../db/queries/users";
import { hashPassword } from "../auth/password.server";
import { createUserSchema, USER_FIELD_LABELS, userFieldsSchema } from "../domain/schemas/users";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";

/** A password to hand over once: 16 characters from an alphabet without look-alikes. */
export function generateTemporaryPassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let password = "";
  for (let i = 0; i < 16; i++) password += alphabet[randomInt(alphabet.length)];
  return password;
}

export async function listUsersForAdmin(ctx: ServiceContext) {
  requireCapability(ctx, "users.manage");
  const [users, units] = await Promise.all([listUsers(ctx.db), listUnits(ctx.db)]);
  return { users, units };
}

export async function getUserForAdmin(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "users.manage");
  const [user, units] = await Promise.all([findUser(ctx.db, id), listUnits(ctx.db)]);
  if (!user) throw new NotFoundError("El usuario no existe.");
  return { user, units };
}

function parseOrThrow<T>(result: ReturnType<typeof parseInput<T>>): T {
  if (!result.ok) throw new ValidationError(result.issues);
  return result.data;
}

async function assertUnitsExist(ctx: ServiceContext, unitIds: number[]) {
  const found = await existingUnitIds(ctx.db, unitIds);
  if (found.length !== unitIds.length) {
    throw new ValidationError([{ field: "unitIds", message: "Unidades: alguna de las unidades elegidas no existe" }]);
  }
}

/** Creates an account; without a password given, returns a temporary one to show once. */
export async function createUser(ctx: ServiceContext, input: unknown) {
  requireCapability(ctx, "users.manage");
  const data = parseOrThrow(parseInput(createUserSchema, input, USER_FIELD_LABELS));
  await assertUnitsExist(ctx, data.unitIds);
  const temporaryPassword = data.password ? null : generateTemporaryPassword();
  const passwordHash = await hashPassword(data.password ?? temporaryPassword!);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await emailExists(trx, data.email)) {
      throw new ValidationError([{ field: "email", message: "Correo: ya existe un usuario con ese correo" }]);
    }
    const userId = await insertUser(trx, { email: data.email, name: data.name, role: data.role, passwordHash });
    // Only unit heads report for units; other roles see every unit anyway.
    const unitIds = data.role === "unit_head" ? data.unitIds : [];
    await replaceUserUnits(trx, userId, unitIds);
    await recordAudit(trx, ctx, {
      action: "user.create",
      entityType: "user",
      entityId: userId,
      after: { email: data.email, name: data.name, role: data.role, unitIds },
    });
    return userId;
  });
  return { id, temporaryPassword };
}

/** Changes name, e-mail, role and units. An admin cannot remove the last active admin. */
export async function updateUser(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "users.manage");
  const data = parseOrThrow(parseInput(userFieldsSchema, input, USER_FIELD_LABELS));
  await assertUnitsExist(ctx, data.unitIds);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, id);
    if (!before) throw new NotFoundError("El usuario no existe.");
    if (await emailExists(trx, data.email, id)) {
      throw new ValidationError([{ field: "email", message: "Correo: ya existe otro usuario con ese correo" }]);
    }
    if (before.role === "admin" && data.role !== "admin" && before.is_active && (await countActiveAdmins(trx, id)) === 0) {
      throw new ConflictError("No se puede quitar el perfil de administración al único administrador activo.");
    }
    await updateUserProfile(trx, id, { email: data.email, name: data.name, role: data.role });
    await replaceUserUnits(trx, id, data.role === "unit_head" ? data.unitIds : []);
    const after = { email: data.email, name: data.name, role: data.role, unitIds: data.role === "unit_head" ? data.unitIds : [] };
    await recordAudit(trx, ctx, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      before: { email: before.email, name: before.name, role: before.role, unitIds: before.unit_ids },
      after,
    });
  });
}

/** Deactivating ends the user's sessions at once; the account and its history stay. */
export async function setUserActivation(ctx: ServiceContext, id: number, active: boolean) {
  requireCapability(ctx, "users.manage");
  if (!active && id === ctx.actor.id) throw new ConflictError("No puede desactivar su propia cuenta.");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, id);
    if (!before) throw new NotFoundError("El usuario no existe.");
    if (!active && before.role === "admin" && (await countActiveAdmins(trx, id)) === 0) {
      throw new ConflictError("No se puede desactivar al único administrador activo.");
    }
    await setUserActive(trx, id, active);
    if (!active) await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx, {
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: id,
      before: { is_active: before.is_active },
      after: { is_active: active },
    });
  });
}

/** Sets a new temporary password, shown once to the admin; the user's sessions end. */
export async function resetUserPassword(ctx: ServiceContext, id: number): Promise<string> {
  requireCapability(ctx, "users.manage");
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, id);
    if (!user) throw new NotFoundError("El usuario no existe.");
    await setPasswordHash(trx, id, passwordHash);
    await deleteUserSessions(trx, id);
    await recordAudit(trx, ctx, { action: "user.password_reset", entityType: "user", entityId: id });
  });
  return temporaryPassword;
}
