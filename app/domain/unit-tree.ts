/**
 * The organisation's units as a tree (división > departamento > sección). The database only
 * forbids a unit being its own parent; longer loops are refused here before a move is saved,
 * and a tree built from rows that somehow hold one still terminates and reports them.
 */
export interface UnitLink {
  id: number;
  parent_id: number | null;
}

export interface UnitNode<T extends UnitLink> {
  unit: T;
  depth: number;
  children: UnitNode<T>[];
}

export interface UnitTree<T extends UnitLink> {
  roots: UnitNode<T>[];
  /** Units no root reaches: members of a parent loop and everything below them. */
  unreachable: T[];
}

const collator = new Intl.Collator("es", { sensitivity: "base", numeric: true });

/** Siblings by name, as people look for them; the code breaks ties. */
export function compareUnitsByName(a: { name: string; code: string }, b: { name: string; code: string }): number {
  return collator.compare(a.name, b.name) || collator.compare(a.code, b.code);
}

/**
 * Builds the tree. A unit whose parent is missing from the rows counts as a root, so a partial
 * list (or a dangling parent) still shows every unit once.
 */
export function buildUnitTree<T extends UnitLink>(rows: readonly T[], compare?: (a: T, b: T) => number): UnitTree<T> {
  const ids = new Set(rows.map((row) => row.id));
  const childrenOf = new Map<number | null, T[]>();
  for (const row of rows) {
    const parent = row.parent_id != null && ids.has(row.parent_id) ? row.parent_id : null;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(row);
    childrenOf.set(parent, siblings);
  }
  if (compare) for (const siblings of childrenOf.values()) siblings.sort(compare);

  const placed = new Set<number>();
  const grow = (unit: T, depth: number): UnitNode<T> => {
    placed.add(unit.id);
    const children = (childrenOf.get(unit.id) ?? []).filter((child) => !placed.has(child.id)).map((child) => grow(child, depth + 1));
    return { unit, depth, children };
  };
  const roots = (childrenOf.get(null) ?? []).map((root) => grow(root, 0));
  return { roots, unreachable: rows.filter((row) => !placed.has(row.id)) };
}

/** Depth-first, parents before children: for indented lists and select options. */
export function flattenUnitTree<T extends UnitLink>(roots: readonly UnitNode<T>[]): { unit: T; depth: number }[] {
  const out: { unit: T; depth: number }[] = [];
  const walk = (node: UnitNode<T>) => {
    out.push({ unit: node.unit, depth: node.depth });
    node.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** Every unit below `unitId`, at any depth (not the unit itself). */
export function descendantIds(rows: readonly UnitLink[], unitId: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const row of rows) {
    if (row.parent_id == null) continue;
    childrenOf.set(row.parent_id, [...(childrenOf.get(row.parent_id) ?? []), row.id]);
  }
  const found = new Set<number>();
  const pending = [...(childrenOf.get(unitId) ?? [])];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (found.has(id) || id === unitId) continue;
    found.add(id);
    pending.push(...(childrenOf.get(id) ?? []));
  }
  return found;
}

export type MoveCheck =
  | { ok: true }
  | { ok: false; reason: "self" }
  /** `chain` runs from the proposed parent up to the unit being moved. */
  | { ok: false; reason: "descendant"; chain: number[] }
  /** The proposed parent already hangs from a loop that does not involve the unit. */
  | { ok: false; reason: "existing-loop"; chain: number[] };

/** Whether hanging `unitId` under `newParentId` keeps the units a tree. */
export function checkUnitMove(rows: readonly UnitLink[], unitId: number, newParentId: number | null): MoveCheck {
  if (newParentId == null) return { ok: true };
  if (newParentId === unitId) return { ok: false, reason: "self" };
  const parentOf = new Map(rows.map((row) => [row.id, row.parent_id]));
  const chain: number[] = [];
  const seen = new Set<number>();
  let current: number | null | undefined = newParentId;
  while (current != null) {
    if (current === unitId) return { ok: false, reason: "descendant", chain: [...chain, current] };
    if (seen.has(current)) return { ok: false, reason: "existing-loop", chain };
    seen.add(current);
    chain.push(current);
    current = parentOf.get(current);
  }
  return { ok: true };
}

/** Options of a parent select, indented by depth so the tree shows inside a plain <select>. */
export function indentedUnitChoices(items: readonly { id: number; code: string; name: string; depth: number }[]) {
  return items.map((item) => ({
    value: item.id,
    // No-break spaces: browsers keep them inside <option>, where ordinary spaces collapse.
    label: `${"\u00a0\u00a0\u00a0".repeat(item.depth)}${item.depth > 0 ? "└\u00a0" : ""}${item.name} (${item.code})`,
  }));
}
