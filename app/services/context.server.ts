import type { Kysely, Transaction } from "kysely";
import type { Database, Role } from "../../db/schema";
import { listUserUnitScope } from "../../db/queries/units";
import type { Actor } from "../domain/permissions";
import { decideCapability, type Capability, type Decision } from "../domain/permissions";
import { ForbiddenError } from "./errors";

/** Everything a service needs to act for someone: the database, who asks, and the request's id. */
export interface ServiceContext {
  db: Kysely<Database>;
  actor: SignedInActor;
  requestId: string;
}

export interface SignedInActor extends Actor {
  email: string;
  name: string;
}

export async function loadActor(
  db: Kysely<Database> | Transaction<Database>,
  user: { id: number; email: string; name: string; role: Role },
): Promise<SignedInActor> {
  const unitScope = user.role === "unit_head" ? await listUserUnitScope(db, user.id) : [];
  return { ...user, unitScope };
}

export function assertAllowed(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

export function requireCapability(ctx: ServiceContext, capability: Capability): void {
  assertAllowed(decideCapability(ctx.actor, capability));
}
