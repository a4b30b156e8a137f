import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  AXIS_FIELD_LABELS,
  axisSchema,
  DEFINITION_FIELD_LABELS,
  definitionSchema,
  OBJECTIVE_FIELD_LABELS,
  objectiveSchema,
  parseIdParam,
  PILLAR_FIELD_LABELS,
  pillarSchema,
  PLAN_FIELD_LABELS,
  planCreateSchema,
  planSettingsSchema,
} from "~/domain/schemas/plan-structure";
import { parseInput } from "~/domain/validation";
import { siblingWeightsProblem, weightShare } from "~/domain/weights";

const GOOD = {
  plan: {
    code: "PE-2025",
    name: "Plan Estratégico 2025–2028",
    description: "",
    startYear: "2025",
    endYear: "2028",
    greenThreshold: "95",
    yellowThreshold: "75",
    scoreCap: "100",
  },
  settings: {
    name: "Plan Estratégico 2025–2028",
    description: "Plan de gobierno abierto",
    startYear: "2025",
    endYear: "2028",
    status: "active",
    greenThreshold: "95",
    yellowThreshold: "75",
    scoreCap: "100",
  },
  definition: { kind: "mission", title: "Misión", body: "Gobernar con las personas." },
  pillar: {
    code: "MOD",
    name: "Modernización",
    actionLine: "Un GORE 2.0",
    governance: "Gobernanza eficaz",
    description: "",
    weight: "0,4",
    color: "#0F69C4",
  },
  axis: { code: "TEC", name: "Tecnología", description: "", color: "#455a64" },
  objective: {
    code: "OE-M1",
    title: "Impulsar comunidades en torno a los datos",
    description: "",
    pillarId: "3",
    weight: "1",
    ownerUnitId: "",
    axisIds: ["1", "2"],
  },
};

type Name = keyof typeof GOOD;
const SCHEMAS: Record<Name, [z.ZodType, Record<string, string>]> = {
  plan: [planCreateSchema, PLAN_FIELD_LABELS],
  settings: [planSettingsSchema, PLAN_FIELD_LABELS],
  definition: [definitionSchema, DEFINITION_FIELD_LABELS],
  pillar: [pillarSchema, PILLAR_FIELD_LABELS],
  axis: [axisSchema, AXIS_FIELD_LABELS],
  objective: [objectiveSchema, OBJECTIVE_FIELD_LABELS],
};

const long = (n: number) => "a".repeat(n);

/** One bad field at a time, on otherwise good input: [schema, field, value, the message shown]. */
const BAD: [Name, string, unknown, string][] = [
  ["plan", "code", "", "Código: es obligatorio"],
  ["plan", "code", "PE 2025", "Código: use solo letras sin tilde, números, punto, guion o guion bajo"],
  ["plan", "code", long(41), "Código: no puede superar 40 caracteres"],
  ["plan", "name", "   ", "Nombre: es obligatorio"],
  ["plan", "name", long(201), "Nombre: no puede superar 200 caracteres"],
  ["plan", "description", long(4001), "Descripción: no puede superar 4.000 caracteres"],
  ["plan", "startYear", "", "Año de inicio: es obligatorio"],
  ["plan", "startYear", "dos mil", "Año de inicio: debe ser un número"],
  ["plan", "startYear", "1999", "Año de inicio: debe estar entre 2000 y 2100"],
  ["plan", "startYear", "2025,5", "Año de inicio: debe ser un año sin decimales"],
  ["plan", "endYear", "2024", "Año de término: no puede ser anterior al año de inicio"],
  ["plan", "endYear", "2045", "Año de término: el plan no puede durar más de 20 años"],
  ["plan", "yellowThreshold", "96", "Umbral amarillo (%): no puede ser mayor que el umbral verde"],
  ["plan", "yellowThreshold", "-1", "Umbral amarillo (%): no puede ser negativo"],
  ["plan", "greenThreshold", "", "Umbral verde (%): es obligatorio"],
  ["plan", "scoreCap", "99,9", "Tope de cumplimiento (%): debe ser al menos 100"],
  ["plan", "scoreCap", "1001", "Tope de cumplimiento (%): no puede superar 1.000"],
  ["settings", "status", "published", "Estado: debe ser borrador, activo o archivado"],
  ["settings", "endYear", "2020", "Año de término: no puede ser anterior al año de inicio"],
  ["settings", "scoreCap", "50", "Tope de cumplimiento (%): debe ser al menos 100"],
  ["definition", "kind", "slogan", "Tipo: debe ser misión, visión, valor, principio u otro"],
  ["definition", "kind", undefined, "Tipo: debe ser misión, visión, valor, principio u otro"],
  ["definition", "title", long(201), "Título: no puede superar 200 caracteres"],
  ["definition", "body", "", "Texto: es obligatorio"],
  ["pillar", "code", "", "Código: es obligatorio"],
  ["pillar", "code", long(21), "Código: no puede superar 20 caracteres"],
  ["pillar", "name", "", "Nombre: es obligatorio"],
  ["pillar", "actionLine", long(121), "Línea del plan de acción: no puede superar 120 caracteres"],
  ["pillar", "governance", long(121), "Gobernanza: no puede superar 120 caracteres"],
  ["pillar", "weight", "-0,1", "Peso: no puede ser negativo"],
  ["pillar", "weight", "", "Peso: es obligatorio"],
  ["pillar", "weight", "mucho", "Peso: debe ser un número"],
  ["pillar", "color", "azul", "Color: debe ser un color en formato #RRGGBB"],
  ["pillar", "color", "#12345", "Color: debe ser un color en formato #RRGGBB"],
  ["axis", "code", "", "Código: es obligatorio"],
  ["axis", "name", long(121), "Nombre: no puede superar 120 caracteres"],
  ["axis", "color", "#GGGGGG", "Color: debe ser un color en formato #RRGGBB"],
  ["objective", "code", "", "Código: es obligatorio"],
  ["objective", "title", "", "Título: es obligatorio"],
  ["objective", "title", long(301), "Título: no puede superar 300 caracteres"],
  ["objective", "pillarId", "", "Pilar: es obligatorio"],
  ["objective", "pillarId", "abc", "Pilar: no es una opción válida"],
  ["objective", "weight", "-2", "Peso: no puede ser negativo"],
  ["objective", "ownerUnitId", "0", "Unidad responsable: no es una opción válida"],
  ["objective", "axisIds", ["1", "x"], "Ejes transversales: no es una opción válida"],
];

describe("plan structure schemas", () => {
  it.each(Object.keys(GOOD) as Name[])("accept good %s input", (name) => {
    const [schema, labels] = SCHEMAS[name];
    const result = parseInput(schema, GOOD[name], labels);
    expect(result).toMatchObject({ ok: true });
  });

  it.each(BAD)("%s: %s = %j is refused with «%s»", (name, field, value, message) => {
    const [schema, labels] = SCHEMAS[name];
    const result = parseInput(schema, { ...GOOD[name], [field]: value }, labels);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it("reads es-CL decimals, trims text, blanks optional text and defaults the scoring settings", () => {
    const plan = planCreateSchema.parse({ code: " PE-1 ", name: " Plan ", description: "  ", startYear: 2025, endYear: 2025 });
    expect(plan).toEqual({
      code: "PE-1",
      name: "Plan",
      description: null,
      startYear: 2025,
      endYear: 2025,
      greenThreshold: 95,
      yellowThreshold: 75,
      scoreCap: 100,
    });
    expect(pillarSchema.parse(GOOD.pillar)).toMatchObject({ weight: 0.4, description: null, color: "#0F69C4" });
    expect(objectiveSchema.parse({ ...GOOD.objective, axisIds: ["2", "2", "5"], ownerUnitId: "7" })).toMatchObject({
      pillarId: 3,
      ownerUnitId: 7,
      axisIds: [2, 5],
    });
    expect(objectiveSchema.parse({ ...GOOD.objective, axisIds: undefined, ownerUnitId: undefined })).toMatchObject({
      axisIds: [],
      ownerUnitId: null,
    });
    expect(objectiveSchema.parse({ ...GOOD.objective, axisIds: "4" }).axisIds).toEqual([4]);
    expect(planSettingsSchema.parse({ ...GOOD.settings, yellowThreshold: "95" }).yellowThreshold).toBe(95);
  });

  it.each([
    ["12", 12],
    ["2147483647", 2_147_483_647],
    ["2147483648", null],
    ["0", null],
    ["012", null],
    ["1e3", null],
    [null, null],
    [undefined, null],
  ] as const)("reads the URL id %j as %j", (value, expected) => {
    expect(parseIdParam(value)).toBe(expected);
  });
});

describe("sibling weights", () => {
  it.each([
    [[], null],
    [[1], null],
    [[0, 0.5, 0], null],
    [[0.4, 0.3, 0.3], null],
    [[0], "al menos uno de los pilares debe tener un peso mayor que cero"],
    [[0, 0, 0], "al menos uno de los pilares debe tener un peso mayor que cero"],
    [[1, -1], "no puede ser negativo"],
    [[-0.5], "no puede ser negativo"],
    [[1, Number.NaN], "debe ser un número"],
  ] as const)("%j -> %j", (weights, message) => {
    expect(siblingWeightsProblem(weights, "los pilares")).toBe(message);
  });

  it("gives each weight's share of the total, or null when the total is zero", () => {
    expect(weightShare(0.4, [0.4, 0.3, 0.3])).toBeCloseTo(0.4);
    expect(weightShare(1, [1, 3])).toBe(0.25);
    expect(weightShare(0, [0, 0])).toBeNull();
  });
});
