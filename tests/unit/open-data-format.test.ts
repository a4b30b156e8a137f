import { describe, expect, it } from "vitest";
import {
  COMMITMENT_DICTIONARY,
  CSV_BOM,
  INDICATOR_DICTIONARY,
  commitmentOpenRecords,
  csvCell,
  dictionaryEntries,
  plainNumber,
  roundTo,
  toCsv,
  toJsonDocument,
  type Dictionary,
  type OpenDataMetadata,
} from "../../exports/open-data";

interface Sample {
  nombre: string;
  valor: number | null;
  nota: string | null;
}

const SAMPLE: Dictionary<Sample> = {
  nombre: { type: "texto", description: "Nombre." },
  valor: { type: "número", description: "Valor." },
  nota: { type: "texto", description: "Nota." },
};

const METADATA: OpenDataMetadata = {
  titulo: "Prueba",
  descripcion: "Prueba",
  publicador: "GORE RMS",
  fuente: "Pruebas",
  licencia: { nombre: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/deed.es" },
  plan: { codigo: "P", nombre: "Plan" },
  periodo: { clave: "2024-12", fecha_inicio: "2024-12-01", fecha_de_corte: "2024-12-31" },
  generado_en: "2025-01-01T00:00:00.000Z",
  registros: 1,
  diccionario_de_datos: "http://localhost/datos",
  datos_de_demostracion: false,
};

describe("CSV cells", () => {
  it("prefixes text a spreadsheet would run as a formula with an apostrophe", () => {
    expect(csvCell("=SUMA(A1:A3)")).toBe("'=SUMA(A1:A3)");
    expect(csvCell("+56 2 2509 0000")).toBe("'+56 2 2509 0000");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@usuario")).toBe("'@usuario");
    expect(csvCell("\tpestaña")).toBe("'\tpestaña");
    // A carriage return also forces quotes: the cell holds a line break.
    expect(csvCell("\rretorno")).toBe("\"'\rretorno\"");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("quotes text with a comma, quote or line break and doubles the quotes", () => {
    expect(csvCell('Dijo "hola"')).toBe('"Dijo ""hola"""');
    expect(csvCell("uno, dos")).toBe('"uno, dos"');
    expect(csvCell("línea 1\nlínea 2")).toBe('"línea 1\nlínea 2"');
    expect(csvCell('=HIPERVINCULO("http://x","clic")')).toBe('"\'=HIPERVINCULO(""http://x"",""clic"")"');
  });

  it("writes numbers with a dot, no grouping, no exponent, and keeps their minus sign", () => {
    expect(csvCell(1234.5)).toBe("1234.5");
    expect(csvCell(-12.25)).toBe("-12.25");
    expect(csvCell(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(plainNumber(1e21)).toBe("1000000000000000000000");
    expect(plainNumber(1e-7)).toBe("0.0000001");
    expect(plainNumber(-0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("rounds away float noise to a fixed number of decimals", () => {
    expect(roundTo(0.1 + 0.2, 6)).toBe(0.3);
    expect(roundTo(0.95238095, 4)).toBe(0.9524);
    expect(roundTo(-0.00001, 4)).toBe(0);
    expect(Object.is(roundTo(-0.00001, 4), -0)).toBe(false);
    expect(roundTo(null, 4)).toBeNull();
    expect(roundTo(Number.NaN, 4)).toBeNull();
  });
});

describe("CSV files", () => {
  const csv = toCsv(SAMPLE, [
    { nombre: "Participación ciudadana: año 2024", valor: 0.9524, nota: null },
    { nombre: "=1+1", valor: -3, nota: "con, coma" },
  ]);

  it("starts with the UTF-8 BOM, ends every line with CRLF and keeps accents", () => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe(
      "nombre,valor,nota\r\n" + "Participación ciudadana: año 2024,0.9524,\r\n" + "'=1+1,-3,\"con, coma\"\r\n",
    );
  });

  it("takes its columns, in order, from the dictionary the /datos page prints", () => {
    const header = toCsv(INDICATOR_DICTIONARY, []).slice(1).split("\r\n")[0];
    expect(header.split(",")).toEqual(dictionaryEntries(INDICATOR_DICTIONARY).map((entry) => entry.name));
    expect(header.startsWith("codigo_plan,pilar,codigo_objetivo,objetivo,codigo_indicador,indicador,")).toBe(true);
    // The milestones list goes only in the JSON.
    expect(toCsv(COMMITMENT_DICTIONARY, []).slice(1).trim().split(",")).not.toContain("hitos");
  });
});

describe("JSON documents", () => {
  it("carry metadata and the data as given: formulas and accents intact", () => {
    const text = toJsonDocument(METADATA, [{ nombre: "=1+1 · Participación", valor: 1 }]);
    const parsed = JSON.parse(text) as { metadata: OpenDataMetadata; data: { nombre: string }[] };
    expect(parsed.metadata.licencia.url).toContain("creativecommons.org/licenses/by/4.0");
    expect(parsed.data[0].nombre).toBe("=1+1 · Participación");
    expect(text.charCodeAt(0)).toBe("{".charCodeAt(0));
  });
});

describe("commitment records", () => {
  it("compute progress without cancelled milestones, the OGP level and the overdue milestones", () => {
    const [record] = commitmentOpenRecords({
      planCode: "P",
      today: "2025-06-15",
      commitments: [
        {
          id: 1,
          code: "C1",
          title: "Portal de datos",
          description: null,
          pillar_name: "Transparencia",
          unit_name: "División de Planificación",
          start_date: "2024-01-01",
          end_date: "2025-12-31",
        },
      ],
      milestones: [
        { commitment_id: 1, title: "Diseño", due_date: "2024-06-30", weight: 1, progress: 100, state: "done" },
        { commitment_id: 1, title: "Piloto", due_date: "2025-03-31", weight: 2, progress: 30, state: "in_progress" },
        { commitment_id: 1, title: "Descartado", due_date: "2025-01-31", weight: 5, progress: 0, state: "cancelled" },
        { commitment_id: 2, title: "De otro compromiso", due_date: "2025-01-31", weight: 1, progress: 0, state: "pending" },
      ],
    });
    // (1 × 100 + 2 × 30) / 3 = 53.33 %
    expect(record.avance).toBe(53.33);
    expect(record.nivel_de_cumplimiento).toBe("sustancial");
    expect(record.numero_de_hitos).toBe(3);
    expect(record.hitos_atrasados).toBe(1);
    expect(record.hitos.map((m) => [m.hito, m.estado, m.atrasado])).toEqual([
      ["Diseño", "cumplido", false],
      ["Piloto", "en curso", true],
      ["Descartado", "cancelado", false],
    ]);
  });

  it("leave progress and level empty for a commitment without milestones", () => {
    const [record] = commitmentOpenRecords({
      planCode: "P",
      today: "2025-06-15",
      commitments: [
        { id: 7, code: "C7", title: "Sin hitos", description: "", pillar_name: "P", unit_name: "U", start_date: "2025-01-01", end_date: "2025-12-31" },
      ],
      milestones: [],
    });
    expect(record.avance).toBeNull();
    expect(record.nivel_de_cumplimiento).toBeNull();
    expect(record.hitos).toEqual([]);
  });

  it("quotes a field with a semicolon, so a Chilean Excel (which splits on ';') never sees a formula after it", () => {
    expect(csvCell("Plan;=HYPERLINK(\"http://x\")")).toBe('"Plan;=HYPERLINK(""http://x"")"');
  });
});
