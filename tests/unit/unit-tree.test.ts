import { describe, expect, it } from "vitest";
import { UNIT_FIELD_LABELS, unitInputSchema } from "~/domain/schemas/units";
import {
  buildUnitTree,
  checkUnitMove,
  compareUnitsByName,
  descendantIds,
  flattenUnitTree,
  indentedUnitChoices,
  type UnitLink,
} from "~/domain/unit-tree";
import { parseInput } from "~/domain/validation";

type Row = UnitLink & { code: string; name: string };
const row = (id: number, parent_id: number | null, code: string, name = code): Row => ({ id, parent_id, code, name });

// DIPLADE > (DMP > SEC), DAF > DTI, and a stand-alone office.
const ROWS: Row[] = [
  row(1, null, "DIPLADE", "División de Planificación y Desarrollo"),
  row(2, null, "DAF", "División de Administración y Finanzas"),
  row(3, 1, "DMP", "Departamento de Modernización"),
  row(4, 2, "DTI", "Departamento de Tecnologías de la Información"),
  row(5, 3, "SEC", "Sección de Control de Gestión"),
  row(6, null, "UT", "Unidad de Transparencia"),
];

const shape = (nodes: ReturnType<typeof buildUnitTree<Row>>["roots"]): unknown =>
  nodes.map((node) => (node.children.length ? { [node.unit.code]: shape(node.children) } : node.unit.code));

describe("building the unit tree", () => {
  it("nests children under their parents, siblings by name, with their depth", () => {
    const tree = buildUnitTree(ROWS, compareUnitsByName);
    expect(shape(tree.roots)).toEqual([{ DAF: ["DTI"] }, { DIPLADE: [{ DMP: ["SEC"] }] }, "UT"]);
    expect(tree.unreachable).toEqual([]);
    expect(flattenUnitTree(tree.roots).map(({ unit, depth }) => `${depth}:${unit.code}`)).toEqual([
      "0:DAF",
      "1:DTI",
      "0:DIPLADE",
      "1:DMP",
      "2:SEC",
      "0:UT",
    ]);
  });

  it("does not depend on the order of the rows", () => {
    const reversed = buildUnitTree([...ROWS].reverse(), compareUnitsByName);
    expect(shape(reversed.roots)).toEqual(shape(buildUnitTree(ROWS, compareUnitsByName).roots));
  });

  it("treats a unit whose parent is missing as a root", () => {
    const tree = buildUnitTree([row(1, null, "A"), row(2, 99, "B")], compareUnitsByName);
    expect(shape(tree.roots)).toEqual(["A", "B"]);
  });

  it("reports units caught in a loop, and those below them, instead of looping", () => {
    const rows = [row(1, null, "A"), row(2, 3, "B"), row(3, 4, "C"), row(4, 2, "D"), row(5, 4, "E")];
    const tree = buildUnitTree(rows, compareUnitsByName);
    expect(shape(tree.roots)).toEqual(["A"]);
    expect(tree.unreachable.map((unit) => unit.code)).toEqual(["B", "C", "D", "E"]);
  });

  it("builds an empty tree from no rows", () => {
    expect(buildUnitTree([])).toEqual({ roots: [], unreachable: [] });
  });

  it("finds every unit below one, at any depth", () => {
    expect([...descendantIds(ROWS, 1)].sort()).toEqual([3, 5]);
    expect([...descendantIds(ROWS, 5)]).toEqual([]);
    expect([...descendantIds([row(1, 2, "A"), row(2, 1, "B")], 1)]).toEqual([2]);
  });

  it("indents parent choices by depth", () => {
    const choices = indentedUnitChoices([
      { id: 1, code: "DIPLADE", name: "División", depth: 0 },
      { id: 3, code: "DMP", name: "Departamento", depth: 1 },
    ]);
    expect(choices).toEqual([
      { value: 1, label: "División (DIPLADE)" },
      { value: 3, label: "\u00a0\u00a0\u00a0└\u00a0Departamento (DMP)" },
    ]);
  });
});

describe("moving a unit", () => {
  it.each([
    ["to the top level", 3, null, { ok: true }],
    ["under another division", 3, 2, { ok: true }],
    ["under its own parent", 5, 3, { ok: true }],
    ["under an unrelated unit's child", 1, 4, { ok: true }],
    ["under itself", 1, 1, { ok: false, reason: "self" }],
    ["under its child", 1, 3, { ok: false, reason: "descendant", chain: [3, 1] }],
    ["under its grandchild", 1, 5, { ok: false, reason: "descendant", chain: [5, 3, 1] }],
    ["a department under its section", 3, 5, { ok: false, reason: "descendant", chain: [5, 3] }],
  ] as const)("%s: unit %i under %s", (_title, unitId, parentId, expected) => {
    expect(checkUnitMove(ROWS, unitId, parentId)).toEqual(expected);
  });

  it("refuses a parent that already hangs from a loop elsewhere", () => {
    const rows = [row(1, null, "A"), row(2, 3, "B"), row(3, 2, "C")];
    expect(checkUnitMove(rows, 1, 2)).toEqual({ ok: false, reason: "existing-loop", chain: [2, 3] });
  });
});

describe("unit schema messages", () => {
  const valid = { code: "DTI", name: "Departamento de Tecnologías de la Información", kind: "department", parentId: "2" };

  it("accepts a unit and normalises it", () => {
    expect(parseInput(unitInputSchema, { ...valid, code: " dti ", name: "  Departamento  " }, UNIT_FIELD_LABELS)).toEqual({
      ok: true,
      data: { code: "DTI", name: "Departamento", kind: "department", parentId: 2 },
    });
    for (const parentId of ["", null, undefined]) {
      const parsed = parseInput(unitInputSchema, { ...valid, parentId }, UNIT_FIELD_LABELS);
      expect(parsed.ok && parsed.data.parentId).toBeNull();
    }
  });

  it.each([
    ["code", "", "Código: es obligatorio"],
    ["code", "   ", "Código: es obligatorio"],
    ["code", undefined, "Código: es obligatorio"],
    ["code", "D".repeat(21), "Código: no puede superar 20 caracteres"],
    ["code", "DI PLADE", "Código: solo letras sin tilde, números, punto, guion y guion bajo, sin espacios"],
    ["code", "AÑO", "Código: solo letras sin tilde, números, punto, guion y guion bajo, sin espacios"],
    ["name", "", "Nombre: es obligatorio"],
    ["name", undefined, "Nombre: es obligatorio"],
    ["name", "x".repeat(161), "Nombre: no puede superar 160 caracteres"],
    ["kind", "gerencia", "Tipo: debe ser división, departamento, sección u oficina"],
    ["kind", undefined, "Tipo: debe ser división, departamento, sección u oficina"],
    ["parentId", "abc", "Unidad superior: no es una unidad válida"],
    ["parentId", "-1", "Unidad superior: no es una unidad válida"],
    ["parentId", "0", "Unidad superior: no es una unidad válida"],
    ["parentId", "1.5", "Unidad superior: no es una unidad válida"],
    ["parentId", "99999999999", "Unidad superior: no es una unidad válida"],
  ])("%s = %j: %s", (field, value, message) => {
    const parsed = parseInput(unitInputSchema, { ...valid, [field]: value }, UNIT_FIELD_LABELS);
    expect(parsed).toEqual({ ok: false, issues: [{ field, message }] });
  });
});
