import { describe, expect, it } from "vitest";
import { INDICATOR_FIELD_LABELS, indicatorSchema, numberForInput } from "../../app/domain/schemas/indicators";
import { parseInput } from "../../app/domain/validation";

/** A complete definition as the form sends it: strings, es-CL decimals, a checked box as "on". */
const GOOD = {
  code: "M1.9",
  name: "Porcentaje de trámites digitales",
  description: "",
  formula: "(Trámites digitales / Trámites totales) x 100",
  objectiveId: "4",
  kind: "ratio",
  numeratorLabel: "Trámites digitales",
  denominatorLabel: "Trámites totales",
  factor: "100",
  unitOfMeasure: "%",
  direction: "increase",
  periodicity: "quarterly",
  aggregation: "average",
  scoringMethod: "ratio",
  baselineValue: "1.234,5",
  baselineYear: "2023",
  weight: "0,5",
  responsibleUnitId: "7",
  dataSource: "",
  verificationMeans: "Reporte del sistema",
  axisIds: ["3", "1", "3"],
  sexDisaggregated: "on",
};

const parse = (overrides: Record<string, unknown>) =>
  parseInput(indicatorSchema, { ...GOOD, ...overrides }, INDICATOR_FIELD_LABELS);

describe("indicatorSchema", () => {
  it("accepts a good definition, reading es-CL decimals and form checkboxes", () => {
    const result = parse({});
    expect(result).toEqual({
      ok: true,
      data: {
        code: "M1.9",
        name: "Porcentaje de trámites digitales",
        description: null,
        formula: "(Trámites digitales / Trámites totales) x 100",
        objectiveId: 4,
        kind: "ratio",
        numeratorLabel: "Trámites digitales",
        denominatorLabel: "Trámites totales",
        factor: 100,
        unitOfMeasure: "%",
        direction: "increase",
        periodicity: "quarterly",
        aggregation: "average",
        scoringMethod: "ratio",
        baselineValue: 1234.5,
        baselineYear: 2023,
        weight: 0.5,
        responsibleUnitId: 7,
        dataSource: null,
        verificationMeans: "Reporte del sistema",
        axisIds: [1, 3],
        sexDisaggregated: true,
        isPublished: false,
      },
    });
  });

  it.each([
    ["plain decimals", { weight: "2.5", factor: "1000" }, { weight: 2.5, factor: 1000 }],
    [
      "numbers as numbers",
      { weight: 3, baselineValue: -4.25, baselineYear: 2020 },
      { weight: 3, baselineValue: -4.25, baselineYear: 2020 },
    ],
    [
      "a value indicator without labels",
      { kind: "value", numeratorLabel: "", denominatorLabel: "" },
      { kind: "value", numeratorLabel: null },
    ],
    ["a blank factor as 1", { factor: "" }, { factor: 1 }],
    [
      "a blank baseline with the ratio method",
      { baselineValue: "", baselineYear: "" },
      { baselineValue: null, baselineYear: null },
    ],
    [
      "the baseline method with a baseline",
      { scoringMethod: "baseline", baselineValue: "30" },
      { scoringMethod: "baseline", baselineValue: 30 },
    ],
    ["weight 0", { weight: "0" }, { weight: 0 }],
    ["one axis as a single value", { axisIds: "2" }, { axisIds: [2] }],
    ["no axes", { axisIds: undefined }, { axisIds: [] }],
    [
      "a decrease direction and the last value",
      { direction: "decrease", aggregation: "last" },
      { direction: "decrease", aggregation: "last" },
    ],
  ])("accepts %s", (_name, overrides, expected) => {
    const result = parse(overrides);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data).toMatchObject(expected);
  });

  it.each([
    ["empty code", { code: "  " }, "code", "Código: es obligatorio"],
    ["a code with spaces", { code: "M 1" }, "code", "Código: solo puede tener letras, números, puntos y guiones, sin espacios"],
    ["a code too long", { code: "X".repeat(41) }, "code", "Código: no puede superar 40 caracteres"],
    ["empty name", { name: "" }, "name", "Nombre: es obligatorio"],
    ["no objective", { objectiveId: "" }, "objectiveId", "Objetivo estratégico: elija un objetivo estratégico"],
    ["unknown kind", { kind: "indice" }, "kind", "Tipo de indicador: debe ser razón o valor"],
    [
      "ratio without numerator label",
      { numeratorLabel: "" },
      "numeratorLabel",
      "Numerador: es obligatorio en un indicador de razón",
    ],
    [
      "ratio without denominator label",
      { denominatorLabel: " " },
      "denominatorLabel",
      "Denominador: es obligatorio en un indicador de razón",
    ],
    ["factor 0", { factor: "0" }, "factor", "Factor: debe ser mayor que 0"],
    ["negative factor", { factor: "-100" }, "factor", "Factor: debe ser mayor que 0"],
    ["empty unit of measure", { unitOfMeasure: "" }, "unitOfMeasure", "Unidad de medida: es obligatoria"],
    ["bad direction", { direction: "subir" }, "direction", "Sentido esperado: debe ser aumentar o disminuir"],
    [
      "bad periodicity",
      { periodicity: "weekly" },
      "periodicity",
      "Periodicidad: debe ser mensual, trimestral, semestral o anual",
    ],
    ["bad aggregation", { aggregation: "max" }, "aggregation", "Agregación anual: debe ser suma, promedio o último valor"],
    [
      "bad scoring method",
      { scoringMethod: "otro" },
      "scoringMethod",
      "Cálculo del cumplimiento: debe ser razón o desde la línea base",
    ],
    [
      "baseline method without baseline value",
      { scoringMethod: "baseline", baselineValue: "" },
      "baselineValue",
      "Línea base: es obligatoria cuando el cumplimiento se calcula desde la línea base",
    ],
    [
      "non-numeric baseline",
      { baselineValue: "treinta" },
      "baselineValue",
      "Línea base: debe ser un número (por ejemplo 1.234,5)",
    ],
    ["baseline year 1800", { baselineYear: "1800" }, "baselineYear", "Año de la línea base: debe ser un año entre 1990 y 2100"],
    [
      "baseline year 2023,5",
      { baselineYear: "2023,5" },
      "baselineYear",
      "Año de la línea base: debe ser un año entre 1990 y 2100",
    ],
    ["negative weight", { weight: "-1" }, "weight", "Ponderación: no puede ser negativa"],
    ["empty weight", { weight: "" }, "weight", "Ponderación: es obligatoria"],
    ["non-numeric weight 12,3,4", { weight: "12,3,4" }, "weight", "Ponderación: debe ser un número (por ejemplo 1.234,5)"],
    ["non-numeric factor", { factor: "cien" }, "factor", "Factor: debe ser un número (por ejemplo 1.234,5)"],
    ["no responsible unit", { responsibleUnitId: "x" }, "responsibleUnitId", "Unidad responsable: elija la unidad responsable"],
    ["a bad axis", { axisIds: ["1", "eje"] }, "axisIds.1", "Ejes transversales: hay un eje que no es válido"],
  ])("rejects %s with a Spanish message naming the field", (_name, overrides, field, message) => {
    const result = parse(overrides);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual({ field, message });
  });

  it("reports every wrong field at once, cross-field rules included", () => {
    const result = parse({ code: "", weight: "-2", numeratorLabel: "", scoringMethod: "baseline", baselineValue: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.field).sort()).toEqual(["baselineValue", "code", "numeratorLabel", "weight"]);
    }
  });
});

describe("numberForInput", () => {
  it("writes a stored number back for the form, with a decimal comma and no grouping", () => {
    expect(numberForInput(1234.5)).toBe("1234,5");
    expect(numberForInput(100)).toBe("100");
    expect(numberForInput(0.30000000000000004)).toBe("0,3");
    expect(numberForInput(null)).toBe("");
  });
});
