import type {
  AgreementState,
  Aggregation,
  DefinitionKind,
  Direction,
  IndicatorKind,
  Periodicity,
  Role,
  UnitKind,
} from "../schema";

/**
 * The demo plan's content, kept apart from the code that writes it. Structure and wording follow
 * the GORE RMS open-government presentation (February 2023); every figure, name and date is
 * invented for the demo.
 */

export type UnitCode = "DIPLADE" | "DMPECG" | "DAF" | "DTI" | "UT" | "DIDESO" | "DPC";
export type AxisCode = "GC" | "EG" | "INN" | "TEC";
export type PillarCode = "MOD" | "TRA" | "PAR";

export interface DemoAccount {
  email: string;
  role: Role;
  name: string;
  description: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@demo.gore.cl",
    role: "admin",
    name: "Rodrigo Araya Pizarro",
    description: "Administración: usuarios, roles y unidades, y todo lo que puede hacer planificación.",
  },
  {
    email: "planificacion@demo.gore.cl",
    role: "planner",
    name: "Daniela Contreras Vidal",
    description:
      "Planificación y control de gestión: arma el plan, fija metas, abre y cierra periodos y valida las mediciones.",
  },
  {
    email: "comite@demo.gore.cl",
    role: "committee",
    name: "Patricio Morales Reyes",
    description:
      "Comité de Coordinación Interna: revisa el tablero y el plan de acción, comenta, devuelve valores y registra acuerdos.",
  },
  {
    email: "jefatura@demo.gore.cl",
    role: "unit_head",
    name: "Carolina Muñoz Tapia",
    description:
      "Jefatura del Departamento de Tecnologías de la Información: reporta las mediciones y los hitos de su unidad.",
  },
  {
    email: "visor@demo.gore.cl",
    role: "viewer",
    name: "Javiera Soto Lagos",
    description: "Consulta: lee toda la información interna, sin editar.",
  },
];

/** The unit the demo unit head reports for. */
export const DEMO_UNIT_HEAD_UNIT: UnitCode = "DTI";

export const PLAN = {
  name: "Plan de Gobierno Abierto GORE RMS 2023–2026",
  description:
    "Datos de demostración. Plan de gobierno abierto del Gobierno Regional Metropolitano de Santiago, " +
    "basado en la presentación del Departamento de Modernización, Planificación Estratégica y Control de " +
    "Gestión (3 de febrero de 2023): tres pilares (modernización, transparencia y participación), cuatro " +
    "ejes transversales (gestión del cambio, equidad de género, innovación y tecnología), un Comité de " +
    "Coordinación Interna y un plan de acción de corto plazo. Las cifras, personas y fechas son ficticias.",
  startYear: 2023,
  endYear: 2026,
};

export const DEFINITIONS: { kind: DefinitionKind; title: string; body: string }[] = [
  {
    kind: "mission",
    title: "Misión",
    body:
      "Gobernar con sentido público la Región Metropolitana de Santiago, para, con y a través de las personas: " +
      "aprovechar las nuevas tecnologías y la innovación pública para mejorar la gestión, abrir la información " +
      "sobre las decisiones regionales y ampliar los espacios de participación, de modo que el conocimiento, " +
      "las ideas y la experiencia de la ciudadanía mejoren su calidad de vida.",
  },
  {
    kind: "vision",
    title: "Visión",
    body:
      "Ser un gobierno regional abierto, que mantiene una constante conversación con la ciudadanía, toma sus " +
      "decisiones basadas en sus preferencias y comunica todo lo que decide de forma abierta y transparente, " +
      "para una región más justa, inclusiva, transparente y democrática.",
  },
  {
    kind: "value",
    title: "Transparencia",
    body:
      "La información sobre las actividades y decisiones del gobierno regional es abierta, está actualizada y " +
      "se encuentra disponible al público con estándares de datos abiertos.",
  },
  {
    kind: "value",
    title: "Participación",
    body:
      "Las personas y la sociedad civil, privada y académica se involucran en los debates públicos, aportan " +
      "insumos y contribuyen a construir valor público.",
  },
  {
    kind: "value",
    title: "Colaboración e inteligencia colectiva",
    body:
      "Aprovechamos el conocimiento, las ideas y la experiencia de la ciudadanía para enfrentar desafíos " +
      "comunes junto al Estado, el mercado y la sociedad civil.",
  },
  {
    kind: "principle",
    title: "Innovación al servicio de las personas",
    body:
      "Usamos las nuevas tecnologías y la innovación pública para hacer más eficientes los procesos y poner a " +
      "la ciudadanía en el centro de la gestión.",
  },
  {
    kind: "principle",
    title: "Equidad de género",
    body:
      "Incorporamos la perspectiva de género en el diseño, la medición y la evaluación de cada compromiso, " +
      "con información desagregada por sexo.",
  },
];

export const PILLARS: {
  code: PillarCode;
  name: string;
  actionLine: string;
  governance: string;
  description: string;
  weight: number;
  color: string;
}[] = [
  {
    code: "MOD",
    name: "Modernización",
    actionLine: "Un GORE 2.0",
    governance: "Gobernanza eficaz",
    description:
      "Aprovechar las nuevas tecnologías y la innovación pública para eficientar los procesos y fortalecer la " +
      "buena gobernanza, que ubica a la ciudadanía en el centro de atención y de prioridad. Un GORE 2.0: " +
      "direccionado por los requerimientos de las personas, empleadocéntrico y con foco ciudadano, en " +
      "permanente evolución y con nuevos estilos de gestión.",
    weight: 0.4,
    color: "#0F69C4",
  },
  {
    code: "TRA",
    name: "Transparencia",
    actionLine: "Un GORE Ciudadan@",
    governance: "Gobernanza democrática",
    description:
      "La información sobre las actividades y decisiones gubernamentales es abierta y actualizada y se " +
      "encuentra disponible al público con estándares de datos abiertos. Un GORE Ciudadan@: datos públicos de " +
      "primera mano, información comprensible, rendición de cuentas, capacidad de respuesta y apertura al " +
      "control público y a la supervisión de la sociedad.",
    weight: 0.3,
    color: "#6A3D9A",
  },
  {
    code: "PAR",
    name: "Participación",
    actionLine: "Un GORE dialogante",
    governance: "Gobernanza colectiva",
    description:
      "Que las personas y la sociedad civil, privada y académica se involucren en los debates públicos, " +
      "provean insumos y contribuyan a construir valor público para enfrentar desafíos comunes. Un GORE " +
      "dialogante: progresiva expansión de espacios de conversación, deliberación conjunta con la ciudadanía " +
      "y trabajo colaborativo para resolver problemas públicos.",
    weight: 0.3,
    color: "#00707A",
  },
];

export const AXES: { code: AxisCode; name: string; description: string; color: string }[] = [
  {
    code: "GC",
    name: "Gestión del cambio",
    description: "Acompañar a funcionarias y funcionarios en la adopción de nuevas formas de trabajo.",
    color: "#455A64",
  },
  {
    code: "EG",
    name: "Equidad de género",
    description: "Perspectiva de género en el diseño y la medición; datos desagregados por sexo.",
    color: "#AD1457",
  },
  {
    code: "INN",
    name: "Innovación",
    description: "Innovación pública y colaboración con la academia, la sociedad civil y el sector privado.",
    color: "#A84300",
  },
  {
    code: "TEC",
    name: "Tecnología",
    description: "Tecnologías digitales y datos al servicio de la gestión y de la ciudadanía.",
    color: "#5D4037",
  },
];

/** Parents come before their children: the seed inserts them in this order. */
export const UNITS: { code: UnitCode; name: string; kind: UnitKind; parent: UnitCode | null }[] = [
  { code: "DIPLADE", name: "División de Planificación y Desarrollo", kind: "division", parent: null },
  { code: "DAF", name: "División de Administración y Finanzas", kind: "division", parent: null },
  { code: "DIDESO", name: "División de Desarrollo Social y Humano", kind: "division", parent: null },
  { code: "UT", name: "Unidad de Transparencia", kind: "office", parent: null },
  {
    code: "DMPECG",
    name: "Departamento de Modernización, Planificación Estratégica y Control de Gestión",
    kind: "department",
    parent: "DIPLADE",
  },
  { code: "DTI", name: "Departamento de Tecnologías de la Información", kind: "department", parent: "DAF" },
  { code: "DPC", name: "Departamento de Participación Ciudadana", kind: "department", parent: "DIDESO" },
];

export interface DemoObjective {
  code: string;
  pillar: PillarCode;
  title: string;
  description: string;
  weight: number;
  owner: UnitCode;
  axes: AxisCode[];
}

export const OBJECTIVES: DemoObjective[] = [
  {
    code: "OE-M1",
    pillar: "MOD",
    title: "Impulsar comunidades en torno a los datos",
    description: "Formar y convocar a funcionarios, municipios, academia y sociedad civil en torno al uso de datos públicos.",
    weight: 1,
    owner: "DMPECG",
    axes: ["INN", "TEC"],
  },
  {
    code: "OE-M2",
    pillar: "MOD",
    title: "Datos abiertos, disponibles de forma libre para todo el mundo",
    description: "Publicar los datos del gobierno regional en formatos abiertos, documentados y actualizados.",
    weight: 1,
    owner: "DTI",
    axes: ["TEC"],
  },
  {
    code: "OE-M3",
    pillar: "MOD",
    title: "Que en lo administrativo lo digital sea la norma y lo presencial la excepción",
    description: "Trámites, documentos y pagos digitales de punta a punta, con la atención presencial como excepción.",
    weight: 1.5,
    owner: "DTI",
    axes: ["TEC", "GC"],
  },
  {
    code: "OE-M4",
    pillar: "MOD",
    title: "Crear cooperación en torno a los datos",
    description: "Acuerdos de intercambio de datos y proyectos conjuntos con otras instituciones.",
    weight: 1,
    owner: "DMPECG",
    axes: ["INN"],
  },
  {
    code: "OE-T1",
    pillar: "TRA",
    title: "Fortalecimiento de la transparencia y la rendición de cuentas",
    description: "Cumplir con excelencia la Ley de Transparencia y rendir cuenta pública de la gestión.",
    weight: 1.5,
    owner: "UT",
    axes: ["GC"],
  },
  {
    code: "OE-T2",
    pillar: "TRA",
    title: "Herramientas que permiten a las personas solicitar información, comentarla, criticarla y reutilizarla",
    description: "Canales oportunos de solicitud, reclamo y reutilización de la información pública.",
    weight: 1,
    owner: "UT",
    axes: ["TEC", "GC"],
  },
  {
    code: "OE-T3",
    pillar: "TRA",
    title: "Datos que pueden ayudar a nuestra vida diaria",
    description: "Tableros y visualizaciones útiles para la vida cotidiana: movilidad, medio ambiente, seguridad.",
    weight: 1,
    owner: "DTI",
    axes: ["TEC", "INN"],
  },
  {
    code: "OE-T4",
    pillar: "TRA",
    title: "Ciudadanía mejor informada sobre la asignación y uso de los recursos públicos",
    description: "Presupuesto, inversiones y transferencias publicados de forma oportuna y comprensible.",
    weight: 1,
    owner: "DAF",
    axes: ["GC"],
  },
  {
    code: "OE-P1",
    pillar: "PAR",
    title: "Co-crear valor público",
    description: "Diseñar soluciones junto a la ciudadanía en laboratorios e instancias de co-creación.",
    weight: 1,
    owner: "DPC",
    axes: ["INN", "EG"],
  },
  {
    code: "OE-P2",
    pillar: "PAR",
    title: "Gobernanza democrática en la búsqueda de soluciones a los problemas públicos",
    description: "Diálogos ciudadanos en todo el territorio y un Consejo de la Sociedad Civil activo.",
    weight: 1,
    owner: "DPC",
    axes: ["GC", "EG"],
  },
  {
    code: "OE-P3",
    pillar: "PAR",
    title: "Alineación del gasto público con los intereses de las personas en un marco de eficiencia y equidad",
    description: "Presupuestos participativos y asignación equitativa de los fondos regionales.",
    weight: 1.5,
    owner: "DIDESO",
    axes: ["EG"],
  },
  {
    code: "OE-P4",
    pillar: "PAR",
    title: "Aumentar la legitimidad ciudadana",
    description: "Más confianza y satisfacción de las personas con el gobierno regional.",
    weight: 1,
    owner: "DIPLADE",
    axes: ["GC"],
  },
];

export interface DemoIndicator {
  code: string;
  objective: string;
  name: string;
  description?: string;
  formula: string;
  kind: IndicatorKind;
  numeratorLabel?: string;
  denominatorLabel?: string;
  unitOfMeasure: string;
  direction: Direction;
  periodicity: Periodicity;
  aggregation: Aggregation;
  scoringMethod?: "baseline";
  /** For `sum` indicators the baseline is the baseline year's total. */
  baseline: number;
  baselineYear: number;
  weight: number;
  unit: UnitCode;
  dataSource: string;
  verificationMeans: string;
  sexDisaggregated?: boolean;
  published: boolean;
  axes: AxisCode[];
  /** Target per period for 2024, 2025, 2026; for `cumulative` ones, the year-end value. */
  targets: [number, number, number];
  /** A stock that grows within the year (aggregation `last`): targets ramp, values never go down. */
  cumulative?: boolean;
  /** How the generated values relate to the target: 1.1 over-achieves, 0.7 falls short. */
  performance: number;
  /** Relative spread of the generated values around performance x target. */
  noise?: number;
  /** Decimals of generated values (value indicators). */
  decimals?: number;
  /** Ratio indicators: typical denominator per period. */
  denominator?: number;
  /** Ratio indicators: the denominator is a stock that does not vary (e.g. 52 comunas). */
  fixedDenominator?: boolean;
  /** Sex-disaggregated counts: share of women. */
  womenShare?: number;
}

const TRANSPARENCIA = "Portal de Transparencia del Estado";

export const INDICATORS: DemoIndicator[] = [
  // --- OE-M1 Impulsar comunidades en torno a los datos ---------------------------------------
  {
    code: "M1.1",
    objective: "OE-M1",
    name: "Actividades de la comunidad de datos realizadas",
    description: "Talleres, datatones y encuentros abiertos sobre el uso de datos públicos regionales.",
    formula: "Suma de talleres, datatones y encuentros de la comunidad de datos realizados en el periodo",
    kind: "value",
    unitOfMeasure: "actividades",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 5,
    baselineYear: 2023,
    weight: 1,
    unit: "DMPECG",
    dataSource: "Registro de actividades del Departamento de Modernización",
    verificationMeans: "Programa, listas de asistencia y registro fotográfico de cada actividad",
    published: true,
    axes: ["INN", "TEC"],
    targets: [2, 3, 3],
    performance: 1.12,
    noise: 0.25,
  },
  {
    code: "M1.2",
    objective: "OE-M1",
    name: "Personas participantes en actividades de la comunidad de datos",
    formula: "Suma de personas con asistencia registrada en las actividades de la comunidad de datos del periodo",
    kind: "value",
    unitOfMeasure: "personas",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 180,
    baselineYear: 2023,
    weight: 1,
    unit: "DMPECG",
    dataSource: "Formularios de inscripción y listas de asistencia",
    verificationMeans: "Listas de asistencia desagregadas por sexo",
    sexDisaggregated: true,
    womenShare: 0.46,
    published: true,
    axes: ["INN", "EG"],
    targets: [60, 80, 100],
    performance: 0.88,
    noise: 0.2,
  },
  {
    code: "M1.3",
    objective: "OE-M1",
    name: "Porcentaje de funcionarias y funcionarios capacitados en gestión y uso de datos",
    formula: "(N° de funcionarias y funcionarios capacitados, acumulado / Dotación efectiva) x 100",
    kind: "ratio",
    numeratorLabel: "Funcionarias y funcionarios con curso de gestión de datos aprobado (acumulado)",
    denominatorLabel: "Dotación efectiva del GORE al cierre del periodo",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "semiannual",
    aggregation: "last",
    baseline: 5,
    baselineYear: 2023,
    weight: 1,
    unit: "DMPECG",
    dataSource: "Registro de capacitación del Departamento de Gestión de Personas",
    verificationMeans: "Certificados de aprobación y nómina de dotación efectiva",
    sexDisaggregated: true,
    published: false,
    axes: ["GC", "EG", "TEC"],
    targets: [25, 45, 60],
    cumulative: true,
    performance: 0.7,
    noise: 0.05,
    denominator: 640,
    fixedDenominator: true,
  },

  // --- OE-M2 Datos abiertos -------------------------------------------------------------------
  {
    code: "M2.1",
    objective: "OE-M2",
    name: "Conjuntos de datos publicados en el portal de datos abiertos",
    formula: "N° de conjuntos de datos vigentes en el portal al cierre del periodo (acumulado)",
    kind: "value",
    unitOfMeasure: "conjuntos de datos",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "last",
    baseline: 12,
    baselineYear: 2023,
    weight: 1.5,
    unit: "DTI",
    dataSource: "Catálogo del portal de datos abiertos del GORE RMS",
    verificationMeans: "Listado del catálogo exportado al cierre del periodo",
    published: true,
    axes: ["TEC", "INN"],
    targets: [50, 75, 100],
    cumulative: true,
    performance: 1.05,
    noise: 0.04,
  },
  {
    code: "M2.2",
    objective: "OE-M2",
    name: "Porcentaje de conjuntos de datos actualizados según su frecuencia comprometida",
    formula: "(N° de conjuntos de datos actualizados en plazo / N° de conjuntos de datos con frecuencia definida) x 100",
    kind: "ratio",
    numeratorLabel: "Conjuntos de datos actualizados dentro de su frecuencia",
    denominatorLabel: "Conjuntos de datos publicados con frecuencia de actualización definida",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "average",
    baseline: 60,
    baselineYear: 2023,
    weight: 1,
    unit: "DTI",
    dataSource: "Metadatos del portal de datos abiertos",
    verificationMeans: "Reporte de fechas de última actualización por conjunto de datos",
    published: true,
    axes: ["TEC"],
    targets: [85, 90, 95],
    performance: 0.9,
    noise: 0.06,
    denominator: 45,
  },
  {
    code: "M2.3",
    objective: "OE-M2",
    name: "Descargas de conjuntos de datos abiertos",
    formula: "Suma de descargas de archivos y llamadas a la API del portal de datos abiertos en el periodo",
    kind: "value",
    unitOfMeasure: "descargas",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "sum",
    baseline: 2100,
    baselineYear: 2023,
    weight: 1,
    unit: "DTI",
    dataSource: "Estadísticas de uso del portal de datos abiertos",
    verificationMeans: "Reporte mensual de estadísticas del portal",
    published: true,
    axes: ["TEC", "INN"],
    targets: [400, 600, 800],
    performance: 1.2,
    noise: 0.2,
  },

  // --- OE-M3 Lo digital como norma ------------------------------------------------------------
  {
    code: "M3.1",
    objective: "OE-M3",
    name: "Porcentaje de trámites del GORE disponibles en línea",
    formula: "(N° de trámites disponibles en línea de punta a punta / N° de trámites del catálogo) x 100",
    kind: "ratio",
    numeratorLabel: "Trámites disponibles en línea de punta a punta",
    denominatorLabel: "Trámites del catálogo institucional",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "last",
    baseline: 35,
    baselineYear: 2023,
    weight: 2,
    unit: "DTI",
    dataSource: "Catálogo de trámites del Registro Nacional de Trámites",
    verificationMeans: "Ficha de cada trámite en el catálogo con su nivel de digitalización",
    published: true,
    axes: ["TEC", "GC"],
    targets: [60, 80, 95],
    cumulative: true,
    performance: 0.9,
    noise: 0.03,
    denominator: 42,
    fixedDenominator: true,
  },
  {
    code: "M3.2",
    objective: "OE-M3",
    name: "Porcentaje de solicitudes ingresadas por la ventanilla digital",
    formula: "(N° de solicitudes ingresadas por la ventanilla digital / N° total de solicitudes ingresadas) x 100",
    kind: "ratio",
    numeratorLabel: "Solicitudes ingresadas por la ventanilla digital",
    denominatorLabel: "Solicitudes ingresadas (digitales y presenciales)",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "average",
    baseline: 30,
    baselineYear: 2023,
    weight: 1,
    unit: "DAF",
    dataSource: "Sistema de gestión documental de la Oficina de Partes",
    verificationMeans: "Reporte mensual de ingresos por canal",
    published: true,
    axes: ["TEC", "GC"],
    targets: [55, 70, 80],
    performance: 0.85,
    noise: 0.06,
    denominator: 1400,
  },
  {
    code: "M3.3",
    objective: "OE-M3",
    name: "Días promedio de tramitación de pagos a proveedores",
    description: "Se mide desde la línea base: reducir de 30 días (2023) a 15 días (2026).",
    formula: "Σ (fecha de pago − fecha de recepción conforme) / N° de facturas pagadas en el periodo",
    kind: "value",
    unitOfMeasure: "días",
    direction: "decrease",
    periodicity: "monthly",
    aggregation: "average",
    scoringMethod: "baseline",
    baseline: 30,
    baselineYear: 2023,
    weight: 1,
    unit: "DAF",
    dataSource: "Sistema de Información para la Gestión Financiera del Estado (SIGFE)",
    verificationMeans: "Reporte de facturas pagadas con fechas de recepción y pago",
    published: true,
    axes: ["GC"],
    targets: [22, 18, 15],
    performance: 0.95,
    noise: 0.08,
    decimals: 1,
  },
  {
    code: "M3.4",
    objective: "OE-M3",
    name: "Porcentaje de documentos oficiales firmados con firma electrónica avanzada",
    formula: "(N° de documentos firmados con firma electrónica avanzada / N° de documentos oficiales emitidos) x 100",
    kind: "ratio",
    numeratorLabel: "Documentos oficiales firmados con firma electrónica avanzada",
    denominatorLabel: "Documentos oficiales emitidos",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "average",
    baseline: 40,
    baselineYear: 2023,
    weight: 1,
    unit: "DTI",
    dataSource: "Gestor documental institucional",
    verificationMeans: "Reporte mensual de documentos emitidos por tipo de firma",
    published: true,
    axes: ["TEC", "GC"],
    targets: [70, 85, 95],
    performance: 1.03,
    noise: 0.04,
    denominator: 2600,
  },

  // --- OE-M4 Cooperación en torno a los datos -------------------------------------------------
  {
    code: "M4.1",
    objective: "OE-M4",
    name: "Convenios de intercambio de datos vigentes",
    formula: "N° de convenios de intercambio de datos vigentes con instituciones públicas, academia o sociedad civil",
    kind: "value",
    unitOfMeasure: "convenios",
    direction: "increase",
    periodicity: "semiannual",
    aggregation: "last",
    baseline: 1,
    baselineYear: 2023,
    weight: 1,
    unit: "DMPECG",
    dataSource: "Registro de convenios de la División Jurídica",
    verificationMeans: "Convenios firmados y resoluciones aprobatorias",
    published: true,
    axes: ["INN", "TEC"],
    targets: [4, 7, 10],
    cumulative: true,
    performance: 0.6,
    noise: 0,
  },
  {
    code: "M4.2",
    objective: "OE-M4",
    name: "Proyectos colaborativos de uso de datos desarrollados con terceros",
    formula: "Suma de proyectos de uso de datos terminados en conjunto con municipios, academia o sociedad civil",
    kind: "value",
    unitOfMeasure: "proyectos",
    direction: "increase",
    periodicity: "annual",
    aggregation: "sum",
    baseline: 0,
    baselineYear: 2023,
    weight: 1,
    unit: "DMPECG",
    dataSource: "Registro de proyectos del Departamento de Modernización",
    verificationMeans: "Informe final de cada proyecto",
    published: true,
    axes: ["INN"],
    targets: [2, 3, 4],
    performance: 1,
    noise: 0.1,
  },

  // --- OE-T1 Transparencia y rendición de cuentas ---------------------------------------------
  {
    code: "T1.1",
    objective: "OE-T1",
    name: "Porcentaje de cumplimiento en la fiscalización de transparencia activa del Consejo para la Transparencia",
    formula: "Puntaje de cumplimiento informado por el Consejo para la Transparencia (CPLT)",
    kind: "value",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "annual",
    aggregation: "last",
    baseline: 91.5,
    baselineYear: 2023,
    weight: 1,
    unit: "UT",
    dataSource: "Informe de fiscalización del Consejo para la Transparencia",
    verificationMeans: "Oficio e informe de resultados del CPLT",
    published: true,
    axes: ["GC"],
    targets: [95, 97, 98],
    performance: 1,
    noise: 0.02,
    decimals: 1,
  },
  {
    code: "T1.2",
    objective: "OE-T1",
    name: "Porcentaje de solicitudes de acceso a la información respondidas dentro del plazo legal",
    formula: "(N° solicitudes respondidas en plazo / N° solicitudes recibidas) x 100",
    kind: "ratio",
    numeratorLabel: "Solicitudes respondidas dentro del plazo legal",
    denominatorLabel: "Solicitudes de acceso a la información recibidas",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "average",
    baseline: 84,
    baselineYear: 2023,
    weight: 2,
    unit: "UT",
    dataSource: TRANSPARENCIA,
    verificationMeans: "Reporte mensual de solicitudes exportado del Portal de Transparencia",
    published: true,
    axes: ["GC"],
    targets: [90, 93, 95],
    performance: 0.99,
    noise: 0.04,
    denominator: 160,
  },
  {
    code: "T1.3",
    objective: "OE-T1",
    name: "Días hábiles promedio de respuesta a solicitudes de acceso a la información",
    formula: "Σ días hábiles entre ingreso y respuesta / N° de solicitudes respondidas en el periodo",
    kind: "value",
    unitOfMeasure: "días hábiles",
    direction: "decrease",
    periodicity: "monthly",
    aggregation: "average",
    baseline: 15.2,
    baselineYear: 2023,
    weight: 1,
    unit: "UT",
    dataSource: TRANSPARENCIA,
    verificationMeans: "Reporte mensual de solicitudes con fechas de ingreso y respuesta",
    published: true,
    axes: ["GC"],
    targets: [12, 10, 9],
    performance: 0.88,
    noise: 0.1,
    decimals: 1,
  },

  // --- OE-T2 Herramientas para solicitar, comentar y reutilizar -------------------------------
  {
    code: "T2.1",
    objective: "OE-T2",
    name: "Porcentaje de requerimientos OIRS respondidos dentro de 10 días hábiles",
    formula: "(N° de requerimientos OIRS respondidos en 10 días hábiles o menos / N° de requerimientos recibidos) x 100",
    kind: "ratio",
    numeratorLabel: "Requerimientos OIRS respondidos en 10 días hábiles o menos",
    denominatorLabel: "Requerimientos OIRS recibidos",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "average",
    baseline: 70,
    baselineYear: 2023,
    weight: 1,
    unit: "DPC",
    dataSource: "Sistema OIRS del GORE RMS",
    verificationMeans: "Reporte mensual del sistema OIRS",
    published: true,
    axes: ["GC"],
    targets: [85, 90, 92],
    performance: 0.75,
    noise: 0.06,
    denominator: 220,
  },
  {
    code: "T2.2",
    objective: "OE-T2",
    name: "Porcentaje de amparos ante el Consejo para la Transparencia resueltos sin infracción",
    formula: "(N° de amparos rechazados o declarados inadmisibles / N° de amparos resueltos por el CPLT) x 100",
    kind: "ratio",
    numeratorLabel: "Amparos resueltos sin infracción (rechazados o inadmisibles)",
    denominatorLabel: "Amparos resueltos por el CPLT en el periodo",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "average",
    baseline: 60,
    baselineYear: 2023,
    weight: 1,
    unit: "UT",
    dataSource: "Decisiones de amparo publicadas por el Consejo para la Transparencia",
    verificationMeans: "Decisiones del Consejo Directivo del CPLT",
    published: false,
    axes: ["GC"],
    targets: [75, 80, 85],
    performance: 0.75,
    noise: 0.1,
    denominator: 7,
  },
  {
    code: "T2.3",
    objective: "OE-T2",
    name: "Comentarios y solicitudes de reutilización recibidos en el portal de datos abiertos",
    formula: "Suma de comentarios, sugerencias de datos y avisos de reutilización registrados en el periodo",
    kind: "value",
    unitOfMeasure: "aportes",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 150,
    baselineYear: 2023,
    weight: 1,
    unit: "DTI",
    dataSource: "Registros del portal de datos abiertos",
    verificationMeans: "Exportación trimestral de los aportes registrados",
    published: true,
    axes: ["TEC", "INN"],
    targets: [60, 90, 120],
    performance: 1.15,
    noise: 0.2,
  },

  // --- OE-T3 Datos para la vida diaria --------------------------------------------------------
  {
    code: "T3.1",
    objective: "OE-T3",
    name: "Tableros de datos de utilidad ciudadana publicados",
    description: "Tableros sobre movilidad, calidad del aire, seguridad y servicios sociales de la región.",
    formula: "Suma de tableros y visualizaciones nuevos publicados en el periodo",
    kind: "value",
    unitOfMeasure: "tableros",
    direction: "increase",
    periodicity: "semiannual",
    aggregation: "sum",
    baseline: 1,
    baselineYear: 2023,
    weight: 1,
    unit: "DTI",
    dataSource: "Portal de datos abiertos, sección de visualizaciones",
    verificationMeans: "Enlace público de cada tablero",
    published: true,
    axes: ["TEC", "INN"],
    targets: [2, 3, 3],
    performance: 1,
    noise: 0.2,
  },
  {
    code: "T3.2",
    objective: "OE-T3",
    name: "Visitas al portal de datos abiertos",
    formula: "Suma de sesiones de usuario registradas en el portal de datos abiertos en el periodo",
    kind: "value",
    unitOfMeasure: "visitas",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "sum",
    baseline: 24000,
    baselineYear: 2023,
    weight: 1,
    unit: "DTI",
    dataSource: "Analítica web del portal de datos abiertos",
    verificationMeans: "Reporte mensual de analítica web",
    published: true,
    axes: ["TEC"],
    targets: [3000, 4000, 5000],
    performance: 0.7,
    noise: 0.15,
  },
  {
    code: "T3.3",
    objective: "OE-T3",
    name: "Disponibilidad del portal de datos abiertos",
    formula: "(Minutos en servicio / Minutos del periodo) x 100, según el monitoreo de disponibilidad",
    kind: "value",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "monthly",
    aggregation: "average",
    baseline: 98.2,
    baselineYear: 2023,
    weight: 0.5,
    unit: "DTI",
    dataSource: "Monitoreo de disponibilidad de servidores",
    verificationMeans: "Reporte mensual del monitoreo",
    published: false,
    axes: ["TEC"],
    targets: [99, 99.5, 99.5],
    performance: 1,
    noise: 0.006,
    decimals: 2,
  },

  // --- OE-T4 Uso de los recursos públicos -----------------------------------------------------
  {
    code: "T4.1",
    objective: "OE-T4",
    name: "Porcentaje de informes de ejecución presupuestaria publicados en formato abierto dentro de plazo",
    formula: "(N° de informes mensuales publicados en formato abierto en plazo / N° de informes comprometidos) x 100",
    kind: "ratio",
    numeratorLabel: "Informes mensuales publicados en formato abierto dentro de plazo",
    denominatorLabel: "Informes mensuales de ejecución comprometidos",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "average",
    baseline: 50,
    baselineYear: 2023,
    weight: 1,
    unit: "DAF",
    dataSource: "Sección de presupuesto del sitio web institucional",
    verificationMeans: "Archivos publicados con su fecha de publicación",
    published: true,
    axes: ["GC", "TEC"],
    targets: [90, 100, 100],
    performance: 0.9,
    noise: 0.1,
    denominator: 3,
    fixedDenominator: true,
  },
  {
    code: "T4.2",
    objective: "OE-T4",
    name: "Porcentaje de iniciativas de inversión regional georreferenciadas y publicadas en el visor ciudadano",
    formula: "(N° de iniciativas en ejecución georreferenciadas y publicadas / N° de iniciativas en ejecución) x 100",
    kind: "ratio",
    numeratorLabel: "Iniciativas de inversión en ejecución georreferenciadas y publicadas",
    denominatorLabel: "Iniciativas de inversión en ejecución",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "last",
    baseline: 10,
    baselineYear: 2023,
    weight: 1,
    unit: "DIPLADE",
    dataSource: "Banco Integrado de Proyectos y sistema de inversiones del GORE",
    verificationMeans: "Listado de iniciativas publicadas en el visor",
    published: true,
    axes: ["TEC", "INN"],
    targets: [50, 75, 90],
    cumulative: true,
    performance: 0.7,
    noise: 0.04,
    denominator: 480,
    fixedDenominator: true,
  },
  {
    code: "T4.3",
    objective: "OE-T4",
    name: "Días promedio de publicación de convenios y transferencias desde su total tramitación",
    formula: "Σ días entre la total tramitación y la publicación / N° de convenios y transferencias publicados",
    kind: "value",
    unitOfMeasure: "días",
    direction: "decrease",
    periodicity: "quarterly",
    aggregation: "average",
    baseline: 20,
    baselineYear: 2023,
    weight: 1,
    unit: "DAF",
    dataSource: "Registro de transferencias y sección de transparencia activa",
    verificationMeans: "Planilla de convenios con fechas de tramitación y publicación",
    published: true,
    axes: ["GC"],
    targets: [10, 7, 5],
    performance: 1.1,
    noise: 0.1,
    decimals: 1,
  },

  // --- OE-P1 Co-crear valor público -----------------------------------------------------------
  {
    code: "P1.1",
    objective: "OE-P1",
    name: "Laboratorios e instancias de co-creación realizados con la ciudadanía",
    formula: "Suma de laboratorios, talleres de co-diseño y mesas de co-creación realizados en el periodo",
    kind: "value",
    unitOfMeasure: "instancias",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 3,
    baselineYear: 2023,
    weight: 1,
    unit: "DPC",
    dataSource: "Registro de instancias de participación",
    verificationMeans: "Acta, lista de asistencia y sistematización de cada instancia",
    published: true,
    axes: ["INN", "GC"],
    targets: [2, 3, 3],
    performance: 1,
    noise: 0.25,
  },
  {
    code: "P1.2",
    objective: "OE-P1",
    name: "Personas participantes en instancias de co-creación",
    formula: "Suma de personas con asistencia registrada en las instancias de co-creación del periodo",
    kind: "value",
    unitOfMeasure: "personas",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 240,
    baselineYear: 2023,
    weight: 1,
    unit: "DPC",
    dataSource: "Listas de asistencia de las instancias de co-creación",
    verificationMeans: "Listas de asistencia desagregadas por sexo",
    sexDisaggregated: true,
    womenShare: 0.6,
    published: true,
    axes: ["EG", "INN"],
    targets: [150, 200, 250],
    performance: 0.85,
    noise: 0.15,
  },
  {
    code: "P1.3",
    objective: "OE-P1",
    name: "Porcentaje de propuestas co-creadas incorporadas en programas o proyectos del GORE",
    formula: "(N° de propuestas co-creadas incorporadas / N° de propuestas co-creadas recibidas) x 100",
    kind: "ratio",
    numeratorLabel: "Propuestas co-creadas incorporadas en programas o proyectos",
    denominatorLabel: "Propuestas co-creadas recibidas",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "annual",
    aggregation: "last",
    baseline: 10,
    baselineYear: 2023,
    weight: 1,
    unit: "DIDESO",
    dataSource: "Sistematización de las instancias de co-creación",
    verificationMeans: "Informe anual de seguimiento de propuestas",
    published: true,
    axes: ["INN"],
    targets: [20, 30, 35],
    performance: 1.2,
    noise: 0.08,
    denominator: 45,
  },

  // --- OE-P2 Gobernanza democrática -----------------------------------------------------------
  {
    code: "P2.1",
    objective: "OE-P2",
    name: "Diálogos ciudadanos y cabildos territoriales realizados",
    formula: "Suma de diálogos ciudadanos y cabildos realizados en comunas de la región en el periodo",
    kind: "value",
    unitOfMeasure: "diálogos",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 12,
    baselineYear: 2023,
    weight: 1,
    unit: "DPC",
    dataSource: "Registro de diálogos del Departamento de Participación Ciudadana",
    verificationMeans: "Acta y lista de asistencia de cada diálogo",
    published: true,
    axes: ["GC", "EG"],
    targets: [6, 8, 10],
    performance: 0.9,
    noise: 0.2,
  },
  {
    code: "P2.2",
    objective: "OE-P2",
    name: "Porcentaje de comunas de la región con al menos un diálogo ciudadano en el año",
    formula: "(N° de comunas con al menos un diálogo ciudadano / 52 comunas de la región) x 100",
    kind: "ratio",
    numeratorLabel: "Comunas con al menos un diálogo ciudadano en el año",
    denominatorLabel: "Comunas de la Región Metropolitana",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "annual",
    aggregation: "last",
    baseline: 35,
    baselineYear: 2023,
    weight: 1,
    unit: "DPC",
    dataSource: "Registro de diálogos del Departamento de Participación Ciudadana",
    verificationMeans: "Mapa de cobertura comunal de los diálogos",
    published: true,
    axes: ["GC", "EG"],
    targets: [60, 75, 90],
    performance: 0.9,
    noise: 0.05,
    denominator: 52,
    fixedDenominator: true,
  },
  {
    code: "P2.3",
    objective: "OE-P2",
    name: "Sesiones del Consejo de la Sociedad Civil (COSOC) regional realizadas",
    formula: "Suma de sesiones ordinarias y extraordinarias del COSOC realizadas en el periodo",
    kind: "value",
    unitOfMeasure: "sesiones",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "sum",
    baseline: 5,
    baselineYear: 2023,
    weight: 0.5,
    unit: "DPC",
    dataSource: "Actas del COSOC regional",
    verificationMeans: "Actas publicadas de cada sesión",
    published: true,
    axes: ["GC"],
    targets: [2, 2, 3],
    performance: 1,
    noise: 0.15,
  },

  // --- OE-P3 Gasto alineado con las personas --------------------------------------------------
  {
    code: "P3.1",
    objective: "OE-P3",
    name: "Porcentaje del presupuesto de inversión regional asignado mediante presupuestos participativos",
    formula: "(Monto asignado por votación ciudadana / Presupuesto de inversión regional del año) x 100",
    kind: "ratio",
    numeratorLabel: "Monto asignado por votación ciudadana (M$)",
    denominatorLabel: "Presupuesto de inversión regional del año (M$)",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "annual",
    aggregation: "last",
    baseline: 0.5,
    baselineYear: 2023,
    weight: 2,
    unit: "DIPLADE",
    dataSource: "Ley de presupuestos y resoluciones de asignación del Consejo Regional",
    verificationMeans: "Acuerdo del Consejo Regional y resultados de la votación",
    published: true,
    axes: ["INN", "EG"],
    targets: [2, 3, 4],
    performance: 0.9,
    noise: 0.04,
    denominator: 265_000_000,
  },
  {
    code: "P3.2",
    objective: "OE-P3",
    name: "Personas votantes en los presupuestos participativos",
    formula: "Suma de votos válidos emitidos en la votación de presupuestos participativos del año",
    kind: "value",
    unitOfMeasure: "personas",
    direction: "increase",
    periodicity: "annual",
    aggregation: "sum",
    baseline: 0,
    baselineYear: 2023,
    weight: 1,
    unit: "DIDESO",
    dataSource: "Plataforma de votación de presupuestos participativos",
    verificationMeans: "Acta de escrutinio y base de votantes anonimizada",
    sexDisaggregated: true,
    womenShare: 0.57,
    published: true,
    axes: ["EG", "INN"],
    targets: [25_000, 35_000, 45_000],
    performance: 1.15,
    noise: 0.05,
  },
  {
    code: "P3.3",
    objective: "OE-P3",
    name: "Porcentaje de ejecución presupuestaria de los proyectos priorizados por la ciudadanía",
    formula: "(Monto ejecutado de proyectos priorizados / Monto asignado a proyectos priorizados) x 100",
    kind: "ratio",
    numeratorLabel: "Monto ejecutado de proyectos priorizados (M$)",
    denominatorLabel: "Monto asignado a proyectos priorizados (M$)",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "semiannual",
    aggregation: "last",
    baseline: 0,
    baselineYear: 2023,
    weight: 1,
    unit: "DAF",
    dataSource: "SIGFE, ejecución por proyecto",
    verificationMeans: "Reporte de ejecución presupuestaria por proyecto",
    published: true,
    axes: ["GC"],
    targets: [40, 70, 90],
    cumulative: true,
    performance: 0.72,
    noise: 0.05,
    denominator: 5_300_000,
    fixedDenominator: true,
  },
  {
    code: "P3.4",
    objective: "OE-P3",
    name: "Porcentaje de recursos de fondos concursables adjudicados a organizaciones lideradas por mujeres",
    formula: "(Monto adjudicado a organizaciones lideradas por mujeres / Monto total adjudicado) x 100",
    kind: "ratio",
    numeratorLabel: "Monto adjudicado a organizaciones lideradas por mujeres (M$)",
    denominatorLabel: "Monto total adjudicado en fondos concursables (M$)",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "annual",
    aggregation: "last",
    baseline: 38,
    baselineYear: 2023,
    weight: 1,
    unit: "DIDESO",
    dataSource: "Resoluciones de adjudicación de fondos concursables",
    verificationMeans: "Nómina de organizaciones adjudicadas con su directiva",
    published: true,
    axes: ["EG"],
    targets: [40, 45, 50],
    performance: 0.88,
    noise: 0.04,
    denominator: 9_800_000,
  },

  // --- OE-P4 Legitimidad ciudadana ------------------------------------------------------------
  {
    code: "P4.1",
    objective: "OE-P4",
    name: "Porcentaje de personas que declaran confiar en el Gobierno Regional",
    description: "Se mide desde la línea base: pasar de 28 % (2023) a 40 % (2026).",
    formula: "(N° de personas encuestadas que declaran confianza alta o media / N° de personas encuestadas) x 100",
    kind: "value",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "annual",
    aggregation: "last",
    scoringMethod: "baseline",
    baseline: 28,
    baselineYear: 2023,
    weight: 1,
    unit: "DMPECG",
    dataSource: "Encuesta regional de percepción ciudadana (muestra representativa)",
    verificationMeans: "Informe de resultados y base de datos de la encuesta",
    published: true,
    axes: ["GC"],
    targets: [32, 36, 40],
    performance: 0.96,
    noise: 0.02,
    decimals: 1,
  },
  {
    code: "P4.2",
    objective: "OE-P4",
    name: "Porcentaje de satisfacción usuaria con la atención del GORE",
    formula: "(N° de personas satisfechas o muy satisfechas / N° de personas encuestadas) x 100",
    kind: "value",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "semiannual",
    aggregation: "average",
    baseline: 68,
    baselineYear: 2023,
    weight: 1,
    unit: "DPC",
    dataSource: "Encuesta de satisfacción usuaria (ventanilla digital, OIRS y atención presencial)",
    verificationMeans: "Informe semestral de la encuesta con resultados por sexo",
    sexDisaggregated: true,
    published: true,
    axes: ["GC", "EG"],
    targets: [75, 80, 85],
    performance: 0.97,
    noise: 0.03,
    decimals: 1,
  },
  {
    code: "P4.3",
    objective: "OE-P4",
    name: "Asistentes a la cuenta pública participativa",
    formula: "Suma de asistentes presenciales y conexiones únicas a la transmisión de la cuenta pública",
    kind: "value",
    unitOfMeasure: "personas",
    direction: "increase",
    periodicity: "annual",
    aggregation: "sum",
    baseline: 900,
    baselineYear: 2023,
    weight: 1,
    unit: "UT",
    dataSource: "Registro de asistencia y estadísticas de la transmisión",
    verificationMeans: "Listas de asistencia y reporte de la plataforma de transmisión",
    published: true,
    axes: ["GC", "EG"],
    targets: [1500, 2000, 2500],
    performance: 1.1,
    noise: 0.05,
  },
];

export interface MeasurementOverride {
  state: "draft" | "submitted" | "returned";
  reviewNote?: string;
  comment?: string;
  /** Ratio indicators: nothing to measure in the period (denominator 0, no value). */
  zeroDenominator?: boolean;
}

/**
 * Hand-picked cases that the random draw must not decide, keyed `code|period`: returned values in
 * closed periods, and the zero-denominator case that scoring has to flag.
 */
export const MEASUREMENT_OVERRIDES: Record<string, MeasurementOverride> = {
  "T1.3|2025-06": {
    state: "returned",
    reviewNote:
      "El promedio no coincide con el reporte del Portal de Transparencia: faltan las solicitudes derivadas. Corregir y reenviar.",
  },
  "P2.1|2025-Q2": {
    state: "returned",
    reviewNote: "Falta el medio de verificación de dos de los diálogos informados (actas y listas de asistencia).",
  },
  "T2.2|2025-Q4": {
    state: "submitted",
    zeroDenominator: true,
    comment: "En el trimestre el Consejo para la Transparencia no resolvió amparos contra el GORE.",
  },
  "T1.2|2025-11": {
    state: "returned",
    reviewNote: "El denominador debe considerar solo las solicitudes con plazo vencido en el mes. Revisar y reenviar.",
  },
  "M3.2|2025-10": {
    state: "returned",
    reviewNote: "Adjuntar el reporte de la Oficina de Partes que respalda el total de ingresos presenciales.",
  },
  "M2.1|2025-Q4": { state: "draft", comment: "Pendiente la publicación de 6 conjuntos de datos de movilidad." },
};

/** Comments shown under a measurement that fell short, so the demo has explanations to read. */
export const SHORTFALL_COMMENTS = [
  "Menor demanda que la proyectada en el periodo.",
  "Se reprogramaron actividades por contingencia institucional.",
  "Retraso en la entrega de información por parte de otra división.",
  "Proceso de compra aún en curso; se espera regularizar el próximo periodo.",
];

export interface DemoMilestone {
  title: string;
  due: string;
  progress: number;
  /** Only `cancelled` is given; the others follow from progress (0 pending, 100 done). */
  cancelled?: boolean;
  weight?: number;
  comment?: string;
}

export interface DemoCommitment {
  code: string;
  pillar: PillarCode;
  title: string;
  description: string;
  unit: UnitCode;
  start: string;
  end: string;
  weight: number;
  published: boolean;
  axes: AxisCode[];
  milestones: DemoMilestone[];
}

export const COMMITMENTS: DemoCommitment[] = [
  {
    code: "C-01",
    pillar: "MOD",
    title: "Ventanilla digital única de trámites del GORE",
    description: "Un solo punto de entrada digital para todos los trámites del gobierno regional, con ClaveÚnica.",
    unit: "DTI",
    start: "2023-06-01",
    end: "2025-12-31",
    weight: 2,
    published: true,
    axes: ["TEC", "GC"],
    milestones: [
      { title: "Levantamiento y simplificación del catálogo de trámites institucionales", due: "2023-09-30", progress: 100 },
      { title: "Diseño de la ventanilla digital con pruebas de usuario", due: "2024-03-31", progress: 100 },
      { title: "Puesta en marcha con los 10 trámites de mayor demanda", due: "2024-09-30", progress: 100, weight: 2 },
      { title: "Integración con ClaveÚnica y notificaciones electrónicas", due: "2025-06-30", progress: 80 },
      { title: "Digitalización del 95 % del catálogo de trámites", due: "2025-12-31", progress: 60, weight: 2 },
    ],
  },
  {
    code: "C-02",
    pillar: "MOD",
    title: "Cero papel: firma electrónica avanzada y expediente electrónico",
    description: "Documentos oficiales firmados electrónicamente y tramitados en expediente electrónico.",
    unit: "DTI",
    start: "2023-04-01",
    end: "2025-06-30",
    weight: 1,
    published: true,
    axes: ["TEC", "GC"],
    milestones: [
      { title: "Certificados de firma electrónica avanzada para todas las jefaturas", due: "2023-07-31", progress: 100 },
      { title: "Implementación del gestor documental y expediente electrónico", due: "2024-06-30", progress: 100, weight: 2 },
      { title: "Capacitación de secretarías y Oficina de Partes", due: "2024-08-31", progress: 100 },
      { title: "Eliminación de memorándums y oficios en papel en todas las divisiones", due: "2025-06-30", progress: 85 },
    ],
  },
  {
    code: "C-03",
    pillar: "MOD",
    title: "Programa de formación en transformación digital y gestión de datos",
    description: "Formación para funcionarias y funcionarios en herramientas digitales, datos y gestión del cambio.",
    unit: "DMPECG",
    start: "2024-01-01",
    end: "2026-06-30",
    weight: 1,
    published: false,
    axes: ["GC", "EG", "TEC"],
    milestones: [
      { title: "Diagnóstico de competencias digitales de funcionarias y funcionarios", due: "2024-04-30", progress: 100 },
      { title: "Diseño de la malla de cursos con enfoque de género", due: "2024-07-31", progress: 100 },
      { title: "Primera cohorte certificada (150 personas)", due: "2024-12-31", progress: 100 },
      { title: "Segunda cohorte certificada (200 personas)", due: "2025-12-15", progress: 40 },
      { title: "Tercera cohorte y evaluación de impacto del programa", due: "2026-06-30", progress: 0 },
    ],
  },
  {
    code: "C-04",
    pillar: "MOD",
    title: "Comunidad regional de datos",
    description: "Red de municipios, universidades y organizaciones de la sociedad civil que usan y mejoran los datos regionales.",
    unit: "DMPECG",
    start: "2024-03-01",
    end: "2026-03-31",
    weight: 1,
    published: true,
    axes: ["INN", "TEC"],
    milestones: [
      { title: "Constitución de la mesa de datos con municipios, academia y sociedad civil", due: "2024-06-30", progress: 100 },
      { title: "Primer datatón regional", due: "2024-11-30", progress: 100 },
      { title: "Convenios de intercambio de datos con cinco municipios", due: "2025-08-31", progress: 40, weight: 2 },
      {
        title: "Segundo datatón regional sobre movilidad y medio ambiente",
        due: "2025-11-30",
        progress: 0,
        cancelled: true,
        comment: "Se reemplaza por un desafío de innovación abierta con universidades (acuerdo del comité).",
      },
      { title: "Desafío de innovación abierta con universidades", due: "2026-03-31", progress: 10 },
    ],
  },
  {
    code: "C-05",
    pillar: "MOD",
    title: "Laboratorio de innovación pública GORE Lab",
    description: "Un equipo y un espacio para probar soluciones nuevas junto a las divisiones y la ciudadanía.",
    unit: "DMPECG",
    start: "2025-01-01",
    end: "2026-12-31",
    weight: 1,
    published: false,
    axes: ["INN", "GC"],
    milestones: [
      { title: "Modelo de operación del laboratorio aprobado", due: "2025-04-30", progress: 100 },
      { title: "Habilitación del espacio físico y del equipo del laboratorio", due: "2025-09-30", progress: 50 },
      { title: "Primer ciclo de proyectos de innovación con las divisiones", due: "2026-06-30", progress: 0 },
    ],
  },
  {
    code: "C-06",
    pillar: "TRA",
    title: "Portal de datos abiertos regional",
    description: "Datos públicos de primera mano, documentados, actualizados y reutilizables por cualquier persona.",
    unit: "DTI",
    start: "2023-05-01",
    end: "2026-06-30",
    weight: 2,
    published: true,
    axes: ["TEC", "INN"],
    milestones: [
      { title: "Política de datos abiertos aprobada por resolución", due: "2023-10-31", progress: 100 },
      { title: "Lanzamiento del portal con 20 conjuntos de datos", due: "2024-04-30", progress: 100, weight: 2 },
      { title: "50 conjuntos de datos publicados con diccionario de datos", due: "2024-12-31", progress: 100 },
      { title: "API pública y documentación para la reutilización", due: "2025-10-31", progress: 70 },
      { title: "100 conjuntos de datos publicados", due: "2026-06-30", progress: 45, weight: 2 },
    ],
  },
  {
    code: "C-07",
    pillar: "TRA",
    title: "Visor ciudadano de la inversión regional",
    description: "Mapa público de las iniciativas de inversión financiadas por el gobierno regional, con su avance.",
    unit: "DIPLADE",
    start: "2024-01-01",
    end: "2025-12-31",
    weight: 1,
    published: true,
    axes: ["TEC", "INN"],
    milestones: [
      { title: "Modelo de datos de las iniciativas de inversión", due: "2024-05-31", progress: 100 },
      { title: "Georreferenciación de todas las iniciativas en ejecución", due: "2025-06-30", progress: 65, weight: 2 },
      { title: "Publicación del visor con fichas de proyecto", due: "2025-09-30", progress: 30 },
      { title: "Actualización mensual automatizada desde el sistema de inversiones", due: "2025-12-31", progress: 0 },
    ],
  },
  {
    code: "C-08",
    pillar: "TRA",
    title: "Presupuesto regional en formato ciudadano",
    description: "El presupuesto y su ejecución explicados en lenguaje claro y publicados como datos abiertos.",
    unit: "DAF",
    start: "2023-09-01",
    end: "2025-12-31",
    weight: 1,
    published: true,
    axes: ["GC", "TEC"],
    milestones: [
      { title: "Guía de lenguaje claro para la información presupuestaria", due: "2023-12-31", progress: 100 },
      { title: "Publicación del presupuesto ciudadano 2024", due: "2024-03-31", progress: 100 },
      { title: "Publicación del presupuesto ciudadano 2025", due: "2025-03-31", progress: 100 },
      { title: "Informes trimestrales de ejecución en formato abierto", due: "2025-12-31", progress: 75 },
    ],
  },
  {
    code: "C-09",
    pillar: "TRA",
    title: "Cuenta pública participativa anual",
    description: "Rendición de cuentas con diálogos previos, preguntas ciudadanas y respuestas publicadas.",
    unit: "UT",
    start: "2023-03-01",
    end: "2026-06-30",
    weight: 1,
    published: true,
    axes: ["GC", "EG"],
    milestones: [
      { title: "Cuenta pública participativa 2023", due: "2023-06-30", progress: 100 },
      { title: "Cuenta pública participativa 2024 con diálogos previos en las provincias", due: "2024-06-30", progress: 100 },
      { title: "Cuenta pública participativa 2025 con respuesta a preguntas ciudadanas", due: "2025-06-30", progress: 100 },
      { title: "Informe de respuestas a las preguntas ciudadanas 2025", due: "2025-08-31", progress: 90 },
      { title: "Cuenta pública participativa 2026", due: "2026-06-30", progress: 0 },
    ],
  },
  {
    code: "C-10",
    pillar: "TRA",
    title: "Gestión oportuna de solicitudes de acceso a la información",
    description: "Protocolos, seguimiento y lenguaje claro para responder antes y mejor a las solicitudes ciudadanas.",
    unit: "UT",
    start: "2024-01-01",
    end: "2025-12-31",
    weight: 1,
    published: false,
    axes: ["GC"],
    milestones: [
      { title: "Protocolo interno de respuesta con plazos por división", due: "2024-03-31", progress: 100 },
      { title: "Tablero de seguimiento de solicitudes para las jefaturas", due: "2024-09-30", progress: 100 },
      { title: "Capacitación en lenguaje claro para las contrapartes de transparencia", due: "2025-05-31", progress: 100 },
      { title: "Plazo promedio de respuesta de 10 días hábiles", due: "2025-12-31", progress: 60, weight: 2 },
    ],
  },
  {
    code: "C-11",
    pillar: "PAR",
    title: "Presupuestos participativos regionales",
    description: "La ciudadanía decide por votación el destino de una parte del presupuesto de inversión regional.",
    unit: "DIDESO",
    start: "2023-07-01",
    end: "2026-12-31",
    weight: 2,
    published: true,
    axes: ["EG", "INN"],
    milestones: [
      { title: "Reglamento de presupuestos participativos aprobado por el Consejo Regional", due: "2023-12-31", progress: 100 },
      { title: "Primera votación ciudadana (2024)", due: "2024-09-30", progress: 100, weight: 2 },
      { title: "Ejecución de los proyectos ganadores 2024", due: "2025-09-30", progress: 70, weight: 2 },
      { title: "Segunda votación ciudadana (2025) con voto electrónico", due: "2025-09-30", progress: 100 },
      { title: "Rendición de cuentas de los proyectos financiados", due: "2026-03-31", progress: 0 },
    ],
  },
  {
    code: "C-12",
    pillar: "PAR",
    title: "Diálogos ciudadanos territoriales",
    description: "Conversaciones abiertas en las comunas de la región para identificar problemas y priorizar soluciones.",
    unit: "DPC",
    start: "2024-01-01",
    end: "2026-12-31",
    weight: 1,
    published: true,
    axes: ["EG", "GC"],
    milestones: [
      { title: "Metodología de diálogos con enfoque territorial y de género", due: "2024-03-31", progress: 100 },
      { title: "Diálogos en las seis provincias de la región", due: "2024-12-31", progress: 100 },
      { title: "Diálogos en 40 de las 52 comunas", due: "2025-12-31", progress: 55, weight: 2 },
      { title: "Informe de sistematización y respuesta institucional", due: "2026-03-31", progress: 0 },
    ],
  },
  {
    code: "C-13",
    pillar: "PAR",
    title: "Fortalecimiento del Consejo de la Sociedad Civil regional",
    description: "Un COSOC renovado, con plan de trabajo propio y sesiones abiertas con la autoridad regional.",
    unit: "DPC",
    start: "2024-01-01",
    end: "2025-12-31",
    weight: 1,
    published: true,
    axes: ["GC"],
    milestones: [
      { title: "Actualización del reglamento del COSOC", due: "2024-04-30", progress: 100 },
      { title: "Elección de nuevas consejeras y consejeros", due: "2024-08-31", progress: 100 },
      { title: "Plan anual de trabajo del COSOC con presupuesto propio", due: "2025-03-31", progress: 100 },
      { title: "Sesiones trimestrales con la autoridad regional transmitidas en línea", due: "2025-12-31", progress: 75 },
    ],
  },
  {
    code: "C-14",
    pillar: "PAR",
    title: "Plataforma digital de participación y consultas ciudadanas",
    description: "Consultas, propuestas y votaciones en línea sobre una plataforma de código abierto.",
    unit: "DPC",
    start: "2024-06-01",
    end: "2026-06-30",
    weight: 1,
    published: true,
    axes: ["TEC", "INN"],
    milestones: [
      { title: "Selección de una plataforma de participación de código abierto", due: "2024-09-30", progress: 100 },
      { title: "Piloto de consulta ciudadana sobre la Estrategia Regional de Desarrollo", due: "2025-03-31", progress: 100 },
      {
        title: "Integración con ClaveÚnica y registro de organizaciones",
        due: "2025-07-31",
        progress: 0,
        cancelled: true,
        comment: "Se posterga por restricción presupuestaria; se usará registro con correo verificado.",
      },
      { title: "Tres consultas ciudadanas al año en la plataforma", due: "2025-12-31", progress: 35 },
      { title: "Evaluación de uso y accesibilidad de la plataforma", due: "2026-06-30", progress: 0 },
    ],
  },
  {
    code: "C-15",
    pillar: "PAR",
    title: "Mesa regional de mujeres y participación",
    description: "Una instancia permanente para incorporar la agenda de género en el plan de gobierno abierto.",
    unit: "DIDESO",
    start: "2025-03-01",
    end: "2026-12-31",
    weight: 1,
    published: false,
    axes: ["EG"],
    milestones: [
      { title: "Convocatoria y constitución de la mesa", due: "2025-05-31", progress: 100 },
      { title: "Agenda de género para el plan de gobierno abierto", due: "2025-09-30", progress: 60 },
      { title: "Seguimiento semestral con indicadores desagregados por sexo", due: "2026-06-30", progress: 0 },
    ],
  },
];

export const COMMITTEE_SESSION = {
  number: 1,
  heldOn: "2025-10-15",
  title: "Primera sesión del Comité de Coordinación Interna",
  minutes:
    "Asisten las jefaturas de las divisiones de Planificación y Desarrollo, Administración y Finanzas y Desarrollo " +
    "Social y Humano, la Unidad de Transparencia y el Departamento de Modernización, Planificación Estratégica y " +
    "Control de Gestión, que actúa como secretaría técnica.\n\n" +
    "1. Se revisa el tablero del plan al cierre del tercer trimestre de 2025: el pilar Modernización avanza según " +
    "lo previsto; Transparencia muestra atraso en el tiempo de respuesta a solicitudes de acceso a la información y " +
    "en el visor de inversión regional; Participación supera la meta de votantes en presupuestos participativos.\n" +
    "2. Se revisan los hitos atrasados del plan de acción y se acuerdan responsables y nuevos plazos.\n" +
    "3. Se acuerda sesionar de forma trimestral y presentar en cada sesión el avance por pilar.",
};

export const AGREEMENTS: {
  text: string;
  unit: UnitCode | null;
  due: string | null;
  state: AgreementState;
  completedAt?: string;
}[] = [
  {
    text: "La Unidad de Transparencia presentará un plan de mejora para reducir los días de respuesta a solicitudes de acceso a la información.",
    unit: "UT",
    due: "2025-11-30",
    state: "in_progress",
  },
  {
    text: "Reprogramar la georreferenciación de las iniciativas de inversión del visor ciudadano y presentar un nuevo cronograma.",
    unit: "DIPLADE",
    due: "2025-11-15",
    state: "done",
    completedAt: "2025-11-12T15:00:00Z",
  },
  {
    text: "Priorizar la publicación de diez nuevos conjuntos de datos de interés ciudadano antes del cierre del año.",
    unit: "DTI",
    due: "2025-12-31",
    state: "pending",
  },
  {
    text: "Incorporar la desagregación por sexo en todos los registros de asistencia de las instancias de participación.",
    unit: "DPC",
    due: "2025-12-15",
    state: "done",
    completedAt: "2025-12-02T14:30:00Z",
  },
  {
    text: "Contratar un estudio externo de percepción ciudadana adicional a la encuesta regional.",
    unit: "DMPECG",
    due: "2025-12-31",
    state: "cancelled",
  },
  {
    text: "Presentar en la próxima sesión el avance del programa de formación en transformación digital y gestión de datos.",
    unit: "DMPECG",
    due: "2026-01-20",
    state: "pending",
  },
];
