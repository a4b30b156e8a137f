import { sql, type Kysely, type Transaction } from "kysely";
import { ALL_PERIODICITIES, generatePeriods } from "../../app/domain/periods";
import type { Database, Role } from "../schema";

/**
 * A large generated plan for speed work: thousands of indicators, a quarter of a million targets
 * and measurements. Every generated row comes from `INSERT ... SELECT ... FROM generate_series`
 * run inside the database, one statement per call (PGlite's extended protocol takes one statement
 * per query), so the seed costs seconds instead of the minutes that row-by-row inserts would take.
 *
 * Pseudo-random values are integer arithmetic on ordinals (never on serial ids, which depend on
 * what else the database holds), written once in SQL and once in TypeScript: `largeCounts` can
 * then say exactly how many measurements the database will hold without asking it.
 */

export const LARGE_PLAN_CODE = "GRANDE-2023";
export const LARGE_START_YEAR = 2023;
export const LARGE_END_YEAR = 2026;
/** Years up to this one are closed; the rest stay open for reporting. */
const LAST_CLOSED_YEAR = 2025;
export const LARGE_EMAIL_DOMAIN = "grande.example";

const MONTHS = (LARGE_END_YEAR - LARGE_START_YEAR + 1) * 12;
const CLOSED_MONTHS = (LAST_CLOSED_YEAR - LARGE_START_YEAR + 1) * 12;
const MILESTONES_PER_COMMITMENT = 5;
const PILLAR_COUNT = 3;
const AXIS_COUNT = 4;

// Generated units and users are told apart from everyone else's by these exact shapes only.
const UNIT_CODE_PATTERN = "^G-(DIV|DEP)-[0-9]+$";
const USER_EMAIL_PATTERN = `^usuario[0-9]+@grande\\.example$`;

export interface LargeCounts {
  plans: number;
  pillars: number;
  axes: number;
  units: number;
  divisions: number;
  departments: number;
  users: number;
  unitHeads: number;
  userUnits: number;
  objectives: number;
  objectiveAxes: number;
  indicators: number;
  indicatorAxes: number;
  periods: number;
  monthlyPeriods: number;
  targets: number;
  measurements: number;
  commitments: number;
  commitmentAxes: number;
  milestones: number;
}

export interface LargeSeedResult {
  planId: number;
  counts: LargeCounts;
  elapsedMs: number;
}

function assertScale(scale: number): void {
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`La escala debe ser un número positivo (se recibió ${scale}).`);
  }
}

const scaled = (base: number, scale: number, minimum: number) => Math.max(minimum, Math.round(base * scale));

/**
 * Deterministic pseudo-random number in 0..999 from two ordinals and a stream number.
 * A Lehmer step (multiplier per stream, modulus 2^31 - 1) decorrelates the streams; every
 * intermediate value stays below 2^53 in JS and below 2^63 in SQL bigint, so both agree exactly.
 */
const MODULUS = 2_147_483_647;
const STREAM_MULTIPLIERS = [48271, 16807, 69621, 39373, 40692, 40014, 41358, 45742, 33903, 52774];

function pseudoRandom(a: number, b: number, stream: number): number {
  const mixed = (a * 7919 + b * 104729 + 12345) % MODULUS;
  return ((mixed * STREAM_MULTIPLIERS[stream]) % MODULUS) % 1000;
}

function pseudoRandomSql(a: string, b: string, stream: number): string {
  return `((((((${a})::bigint * 7919 + (${b})::bigint * 104729 + 12345) % ${MODULUS}) * ${STREAM_MULTIPLIERS[stream]}) % ${MODULUS}) % 1000)`;
}

// Streams of pseudoRandom, one per independent decision.
const S = {
  missing: 0,
  state: 1,
  achievement: 2,
  base: 3,
  denominator: 4,
  published: 5,
  direction: 6,
  sex: 7,
  split: 8,
  milestone: 9,
} as const;

/** Closed months lose 1 % of their measurements, open months 10 % (not reported yet). */
function isMissing(indicator: number, month: number): boolean {
  const draw = pseudoRandom(indicator, month, S.missing);
  return month <= CLOSED_MONTHS ? draw < 10 : draw < 100;
}
const missingSql = (indicator: string, month: string) =>
  `CASE WHEN ${month} <= ${CLOSED_MONTHS} THEN ${pseudoRandomSql(indicator, month, S.missing)} < 10
        ELSE ${pseudoRandomSql(indicator, month, S.missing)} < 100 END`;

/** Mostly unit heads; every 20th user a planner/admin, a committee member or a viewer. */
function roleOf(user: number): Role {
  switch (user % 20) {
    case 1:
      return user % 40 === 1 ? "admin" : "planner";
    case 2:
      return "committee";
    case 3:
      return "viewer";
    default:
      return "unit_head";
  }
}
const roleSql = (user: string) => `CASE ${user} % 20
    WHEN 1 THEN CASE WHEN ${user} % 40 = 1 THEN 'admin' ELSE 'planner' END
    WHEN 2 THEN 'committee'
    WHEN 3 THEN 'viewer'
    ELSE 'unit_head' END`;

/** Second axis for every third indicator, so each carries one or two. */
const hasSecondAxis = (indicator: number) => indicator % 3 === 0;

/** The exact number of rows `seedLarge` makes at this scale. */
export function largeCounts(scale: number): LargeCounts {
  assertScale(scale);
  const units = scaled(200, scale, 1);
  const divisions = Math.max(1, Math.round(units / 10));
  const users = scaled(1000, scale, 1);
  const indicators = scaled(5000, scale, 1);
  const objectives = scaled(100, scale, PILLAR_COUNT);
  const commitments = scaled(1000, scale, 1);

  let unitHeads = 0;
  for (let user = 1; user <= users; user++) if (roleOf(user) === "unit_head") unitHeads++;
  let indicatorAxes = 0;
  let measurements = 0;
  for (let indicator = 1; indicator <= indicators; indicator++) {
    indicatorAxes += hasSecondAxis(indicator) ? 2 : 1;
    for (let month = 1; month <= MONTHS; month++) if (!isMissing(indicator, month)) measurements++;
  }
  const periods = ALL_PERIODICITIES.reduce(
    (total, periodicity) => total + generatePeriods(periodicity, LARGE_START_YEAR, LARGE_END_YEAR).length,
    0,
  );

  return {
    plans: 1,
    pillars: PILLAR_COUNT,
    axes: AXIS_COUNT,
    units,
    divisions,
    departments: units - divisions,
    users,
    unitHeads,
    userUnits: unitHeads,
    objectives,
    objectiveAxes: objectives,
    indicators,
    indicatorAxes,
    periods,
    monthlyPeriods: MONTHS,
    targets: indicators * MONTHS,
    measurements,
    commitments,
    commitmentAxes: commitments,
    milestones: commitments * MILESTONES_PER_COMMITMENT,
  };
}

const PILLARS = [
  { code: "MOD", name: "Modernización", actionLine: "Un GORE 2.0", governance: "Gobernanza eficaz", color: "#0F69C4" },
  { code: "TRA", name: "Transparencia", actionLine: "Un GORE Ciudadan@", governance: "Gobernanza democrática", color: "#2D717C" },
  { code: "PAR", name: "Participación", actionLine: "Un GORE dialogante", governance: "Gobernanza colectiva", color: "#E0701E" },
];
const AXES = [
  { code: "GC", name: "Gestión del cambio", color: "#6A6A6A" },
  { code: "EG", name: "Equidad de género", color: "#8E44AD" },
  { code: "INN", name: "Innovación", color: "#16A085" },
  { code: "TEC", name: "Tecnología", color: "#34495E" },
];

const OBJECTIVE_TITLES = [
  "Impulsar comunidades en torno a los datos",
  "Fortalecer la transparencia y la rendición de cuentas",
  "Co-crear valor público con la ciudadanía",
  "Hacer de lo digital la norma en lo administrativo",
  "Ofrecer herramientas para solicitar, comentar y reutilizar información",
  "Fortalecer la gobernanza democrática en la búsqueda de soluciones",
  "Publicar datos abiertos, disponibles libremente para todo el mundo",
  "Informar mejor sobre la asignación y el uso de los recursos públicos",
  "Alinear el gasto público con los intereses de las personas",
  "Crear cooperación en torno a los datos",
  "Publicar datos que ayuden a la vida diaria",
  "Aumentar la legitimidad ciudadana",
];
const RATIO_NAMES = [
  "Porcentaje de trámites disponibles en línea",
  "Porcentaje de solicitudes de acceso a la información respondidas en plazo",
  "Porcentaje de conjuntos de datos actualizados",
  "Porcentaje de funcionarias y funcionarios capacitados",
  "Porcentaje de iniciativas co-creadas con la ciudadanía",
  "Porcentaje de reclamos resueltos en plazo",
];
const VALUE_NAMES = [
  ["Número de conjuntos de datos publicados", "conjuntos"],
  ["Días promedio de tramitación", "días"],
  ["Número de participantes en instancias de diálogo", "personas"],
  ["Visitas al portal de transparencia", "visitas"],
  ["Inversión regional informada", "MM$"],
  ["Sesiones de cuentas públicas participativas", "sesiones"],
];
const COMMITMENT_TITLES = [
  "Implementar la ventanilla digital de trámites",
  "Publicar el catálogo regional de datos abiertos",
  "Realizar cabildos territoriales",
  "Capacitar a las jefaturas en gestión del cambio",
  "Actualizar el portal de transparencia activa",
  "Diseñar el presupuesto participativo regional",
  "Incorporar el enfoque de género en los instrumentos de planificación",
  "Desarrollar un laboratorio de innovación pública",
];
const MILESTONE_TITLES = ["Diagnóstico", "Diseño", "Implementación", "Difusión", "Evaluación"];

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const textArray = (items: string[]) => `ARRAY[${items.map(quote).join(", ")}]::text[]`;
/** 1-based pick from a SQL text array by an ordinal. */
const pick = (items: string[], ordinal: string) => `(${textArray(items)})[1 + (${ordinal}) % ${items.length}]`;
const pad = (expression: string, width: number) => `lpad((${expression})::text, ${width}, '0')`;
const padWidth = (count: number, minimum: number) => Math.max(minimum, String(count).length);
/** Zero-padded to at least `minimum` digits but never cut, so a number keeps its text at any scale. */
const stablePad = (expression: string, minimum: number) =>
  `lpad((${expression})::text, greatest(${minimum}, length((${expression})::text)), '0')`;
const userEmailSql = (number: string) => `'usuario' || ${stablePad(number, 4)} || '@${LARGE_EMAIL_DOMAIN}'`;
const USER_NUMBER_SQL = `substring(email from '^usuario([0-9]+)@')::int`;

/** Month ordinal 1..48 of a monthly period row `p`. */
const monthOrdinal = (p: string) => `((${p}.year - ${LARGE_START_YEAR}) * 12 + ${p}.number)`;

/**
 * Target of indicator ordinal `n` (with columns kind/direction) in month ordinal `m`: ratios in
 * percent drift 0.2 points a month toward better; values grow or shrink around a base.
 */
function targetSql(n: string, m: string, kind: string, direction: string): string {
  const base = pseudoRandomSql(n, "0", S.base);
  return `round(CASE
      WHEN ${kind} = 'ratio' AND ${direction} = 'increase' THEN least(100, 60 + ${base} % 30 + (${m} - 1) * 0.2)
      WHEN ${kind} = 'ratio' THEN greatest(1, 10 + ${base} % 30 - (${m} - 1) * 0.2)
      WHEN ${direction} = 'increase' THEN (10 + ${base}) * (1 + (${m} - 1) * 0.01)
      ELSE (10 + ${base}) * (1 - (${m} - 1) * 0.008)
    END, 2)`;
}

type Executor = Kysely<Database> | Transaction<Database>;

async function run(db: Executor, statement: string): Promise<number> {
  const result = await sql.raw(statement).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Removes the previous large plan and the generated units and users; nothing else. */
async function deletePrevious(trx: Transaction<Database>, userCount: number): Promise<void> {
  const previous = await trx.selectFrom("plans").select("id").where("code", "=", LARGE_PLAN_CODE).executeTakeFirst();
  if (previous) {
    const plan = previous.id;
    const indicators = `SELECT id FROM indicators WHERE plan_id = ${plan}`;
    const periods = `SELECT id FROM periods WHERE plan_id = ${plan}`;
    const commitments = `SELECT id FROM commitments WHERE plan_id = ${plan}`;
    const statements = [
      `DELETE FROM comments WHERE indicator_id IN (${indicators})
         OR measurement_id IN (SELECT id FROM measurements WHERE indicator_id IN (${indicators}) OR period_id IN (${periods}))
         OR milestone_id IN (SELECT id FROM milestones WHERE commitment_id IN (${commitments}))`,
      `DELETE FROM measurements WHERE indicator_id IN (${indicators}) OR period_id IN (${periods})`,
      `DELETE FROM targets WHERE indicator_id IN (${indicators}) OR period_id IN (${periods})`,
      `DELETE FROM indicator_axes WHERE indicator_id IN (${indicators})`,
      `DELETE FROM indicators WHERE plan_id = ${plan}`,
      `DELETE FROM objective_axes WHERE objective_id IN (SELECT id FROM objectives WHERE plan_id = ${plan})`,
      `DELETE FROM objectives WHERE plan_id = ${plan}`,
      `DELETE FROM milestones WHERE commitment_id IN (${commitments})`,
      `DELETE FROM commitment_axes WHERE commitment_id IN (${commitments})`,
      `DELETE FROM commitments WHERE plan_id = ${plan}`,
      `DELETE FROM periods WHERE plan_id = ${plan}`,
      `DELETE FROM pillars WHERE plan_id = ${plan}`,
      `DELETE FROM axes WHERE plan_id = ${plan}`,
      // Definitions, committee sessions and their agreements go with the plan (ON DELETE CASCADE).
      `DELETE FROM plans WHERE id = ${plan}`,
    ];
    for (const statement of statements) await run(trx, statement);
  }
  await run(
    trx,
    `DELETE FROM user_units WHERE user_id IN (SELECT id FROM users WHERE email ~* '${USER_EMAIL_PATTERN}')
       OR unit_id IN (SELECT id FROM units WHERE code ~ '${UNIT_CODE_PATTERN}')`,
  );
  await run(trx, `DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email ~* '${USER_EMAIL_PATTERN}')`);
  // Generated users are kept and updated in place (see insertPlan) rather than deleted: deleting a
  // user makes PostgreSQL scan the whole measurements table (reported_by and reviewed_by have no
  // index) once per user, about 30 s for 1,000 users. So only users beyond this run's count go,
  // which costs that time once when a smaller scale follows a larger one.
  await run(
    trx,
    `DELETE FROM users WHERE email ~* '${USER_EMAIL_PATTERN}'
       AND (${USER_NUMBER_SQL} > ${userCount} OR email <> ${userEmailSql(USER_NUMBER_SQL)})`,
  );
  // Departments before divisions: parent_id is ON DELETE RESTRICT, checked row by row.
  await run(trx, `DELETE FROM units WHERE code ~ '^G-DEP-[0-9]+$'`);
  await run(trx, `DELETE FROM units WHERE code ~ '^G-DIV-[0-9]+$'`);
}

/**
 * Builds (or rebuilds) the large plan at `scale` (1 = 5,000 indicators) in one transaction,
 * in whichever database `db` points at. Other plans, units and users are left untouched.
 */
export async function seedLarge(db: Kysely<Database>, { scale }: { scale: number }): Promise<LargeSeedResult> {
  const expected = largeCounts(scale);
  const started = performance.now();

  const { planId, counts } = await db.transaction().execute(async (trx) => {
    // A batch job on its own connection: the web app's per-statement budget does not apply.
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    await deletePrevious(trx, expected.users);
    const made = await insertPlan(trx, expected);
    const mismatched = (Object.keys(expected) as (keyof LargeCounts)[]).filter(
      (key) => made.counts[key] !== expected[key],
    );
    if (mismatched.length > 0) {
      // Only if the SQL and TypeScript halves of the generator drift apart; rolls everything back.
      throw new Error(`El plan grande no cuadra con largeCounts en: ${mismatched.join(", ")}`);
    }
    return made;
  });
  // Fresh statistics: without them the planner guesses one row per table and picks nested loops
  // over hundreds of thousands of rows.
  await sql`ANALYZE`.execute(db);

  return { planId, counts, elapsedMs: performance.now() - started };
}

async function insertPlan(trx: Transaction<Database>, c: LargeCounts): Promise<{ planId: number; counts: LargeCounts }> {
  // Every count starts at zero and is filled from what the database reports for each statement.
  const counts = Object.fromEntries(Object.keys(c).map((key) => [key, 0])) as unknown as LargeCounts;
  const plan = await trx
    .insertInto("plans")
    .values({
      code: LARGE_PLAN_CODE,
      name: `Plan grande de prueba ${LARGE_START_YEAR}–${LARGE_END_YEAR}`,
      description: "Plan generado para pruebas de rendimiento. No contiene datos reales.",
      start_year: LARGE_START_YEAR,
      end_year: LARGE_END_YEAR,
      status: "active",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const planId = plan.id;
  counts.plans = 1;

  const pillarInsert = await trx
    .insertInto("pillars")
    .values(
      PILLARS.map((pillar, index) => ({
        plan_id: planId,
        code: pillar.code,
        name: pillar.name,
        action_line: pillar.actionLine,
        governance: pillar.governance,
        color: pillar.color,
        weight: 1,
        position: index + 1,
      })),
    )
    .executeTakeFirst();
  counts.pillars = Number(pillarInsert.numInsertedOrUpdatedRows);
  const axisInsert = await trx
    .insertInto("axes")
    .values(AXES.map((axis, index) => ({ plan_id: planId, ...axis, position: index + 1 })))
    .executeTakeFirst();
  counts.axes = Number(axisInsert.numInsertedOrUpdatedRows);

  // --- units: divisions, then departments spread over them ---------------------------------------
  const divWidth = padWidth(c.divisions, 2);
  const depWidth = padWidth(c.departments, 4);
  const divisionCode = (ordinal: string) => `'G-DIV-' || ${pad(ordinal, divWidth)}`;
  const departmentCode = (ordinal: string) => `'G-DEP-' || ${pad(ordinal, depWidth)}`;
  /** Unit ordinal 1..units: departments first, then divisions. */
  const unitCode = (ordinal: string) =>
    `CASE WHEN ${ordinal} <= ${c.departments} THEN ${departmentCode(ordinal)} ELSE ${divisionCode(`${ordinal} - ${c.departments}`)} END`;

  counts.divisions = await run(
    trx,
    `INSERT INTO units (code, name, kind)
     SELECT ${divisionCode("g")}, 'División ' || ${pad("g", divWidth)} || ' (plan grande)', 'division'
     FROM generate_series(1, ${c.divisions}) AS g`,
  );
  counts.departments = await run(
    trx,
    `INSERT INTO units (parent_id, code, name, kind)
     SELECT d.id, ${departmentCode("g")}, 'Departamento ' || ${pad("g", depWidth)} || ' (plan grande)', 'department'
     FROM generate_series(1, ${c.departments}) AS g
     JOIN units d ON d.code = ${divisionCode(`(g - 1) % ${c.divisions} + 1`)}`,
  );
  counts.units = counts.divisions + counts.departments;

  // --- users: no password, so none of them can sign in; unit heads get one unit each -------------
  counts.users = await run(
    trx,
    `INSERT INTO users (email, name, role, password_hash)
     SELECT ${userEmailSql("u")}, 'Usuario ' || ${stablePad("u", 4)} || ' (plan grande)', ${roleSql("u")}, NULL
     FROM generate_series(1, ${c.users}) AS u
     ON CONFLICT ((lower(email))) DO UPDATE
       SET name = excluded.name, role = excluded.role, password_hash = NULL, password_changed_at = NULL,
           is_active = true, updated_at = now()`,
  );
  const heads = await trx
    .selectFrom("users")
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where(sql<boolean>`email ~* ${USER_EMAIL_PATTERN}`)
    .where("role", "=", "unit_head")
    .executeTakeFirstOrThrow();
  counts.unitHeads = Number(heads.n);
  counts.userUnits = await run(
    trx,
    `INSERT INTO user_units (user_id, unit_id)
     SELECT h.id, un.id
     FROM (SELECT id, row_number() OVER (ORDER BY ${USER_NUMBER_SQL}) AS k
           FROM users WHERE email ~* '${USER_EMAIL_PATTERN}' AND role = 'unit_head') AS h
     JOIN units un ON un.code = ${unitCode(`(h.k - 1) % ${c.units} + 1`)}`,
  );
  const reviewer = await trx
    .selectFrom("users")
    .select("id")
    .where(sql<boolean>`email ~* ${USER_EMAIL_PATTERN}`)
    .where("role", "in", ["planner", "admin"])
    .orderBy("email")
    .executeTakeFirst();
  const reviewerId = reviewer?.id ?? null;
  const reviewerSql = reviewerId === null ? "NULL" : String(reviewerId);

  // --- periods: few rows, built by the domain module so keys and dates match the app's -----------
  const periodRows = ALL_PERIODICITIES.flatMap((periodicity) =>
    generatePeriods(periodicity, LARGE_START_YEAR, LARGE_END_YEAR).map((spec) => {
      const closed = spec.year <= LAST_CLOSED_YEAR;
      const closedAt = new Date(`${spec.endDate}T12:00:00Z`);
      closedAt.setUTCDate(closedAt.getUTCDate() + 10);
      return {
        plan_id: planId,
        key: spec.key,
        periodicity: spec.periodicity,
        year: spec.year,
        number: spec.number,
        start_date: spec.startDate,
        end_date: spec.endDate,
        status: closed ? ("closed" as const) : ("open" as const),
        closed_at: closed ? closedAt : null,
        closed_by: closed ? reviewerId : null,
      };
    }),
  );
  const periodInsert = await trx.insertInto("periods").values(periodRows).executeTakeFirst();
  counts.periods = Number(periodInsert.numInsertedOrUpdatedRows);
  counts.monthlyPeriods = periodRows.filter((row) => row.periodicity === "monthly").length;

  // --- objectives, spread over the pillars, owned by divisions ------------------------------------
  const objWidth = padWidth(c.objectives, 3);
  counts.objectives = await run(
    trx,
    `INSERT INTO objectives (plan_id, pillar_id, code, title, description, weight, owner_unit_id, position)
     SELECT ${planId}, pl.id, 'G-OBJ-' || ${pad("k", objWidth)},
            ${pick(OBJECTIVE_TITLES, "k - 1")} || ' ' || ${pad("k", objWidth)},
            'Objetivo estratégico generado para pruebas de rendimiento.',
            1 + k % 3, own.id, k
     FROM generate_series(1, ${c.objectives}) AS k
     JOIN pillars pl ON pl.plan_id = ${planId} AND pl.position = (k - 1) % ${PILLAR_COUNT} + 1
     JOIN units own ON own.code = ${divisionCode(`(k - 1) % ${c.divisions} + 1`)}`,
  );
  counts.objectiveAxes = await run(
    trx,
    `INSERT INTO objective_axes (objective_id, axis_id)
     SELECT o.id, a.id FROM objectives o
     JOIN axes a ON a.plan_id = ${planId} AND a.position = (o.position - 1) % ${AXIS_COUNT} + 1
     WHERE o.plan_id = ${planId}`,
  );

  // --- indicators: the position is the indicator's ordinal, which every later statement keys on --
  const indWidth = padWidth(c.indicators, 5);
  const isRatio = `n % 5 < 3`;
  counts.indicators = await run(
    trx,
    `INSERT INTO indicators (plan_id, objective_id, code, name, formula, kind, numerator_label, denominator_label,
                             factor, unit_of_measure, direction, periodicity, aggregation, scoring_method,
                             baseline_value, baseline_year, weight, responsible_unit_id, data_source,
                             verification_means, sex_disaggregated, is_published, position)
     SELECT ${planId}, o.id, 'G-IND-' || ${pad("n", indWidth)},
            CASE WHEN ${isRatio} THEN ${pick(RATIO_NAMES, "n")}
                 ELSE (${textArray(VALUE_NAMES.map(([name]) => name))})[1 + n % ${VALUE_NAMES.length}] END
              || ' · ' || ${pad("n", indWidth)},
            CASE WHEN ${isRatio} THEN '(Numerador / Denominador) × 100' ELSE 'Valor del periodo' END,
            g.kind, num_label, den_label, factor, uom, direction, 'monthly', aggregation,
            CASE WHEN n % 20 = 0 THEN 'baseline' ELSE 'ratio' END,
            round(CASE
              WHEN g.kind = 'ratio' AND direction = 'increase' THEN 55 + base % 30
              WHEN g.kind = 'ratio' THEN 15 + base % 30
              WHEN direction = 'increase' THEN (10 + base) * 0.9
              ELSE (10 + base) * 1.1 END, 2),
            ${LARGE_START_YEAR - 1}, 1 + n % 3, u.id, 'Sistema de gestión interno',
            'Reporte mensual de la unidad responsable', sex, published, n
     FROM (
       SELECT n,
              CASE WHEN ${isRatio} THEN 'ratio' ELSE 'value' END AS kind,
              CASE WHEN ${isRatio} THEN 'Casos logrados' END AS num_label,
              CASE WHEN ${isRatio} THEN 'Casos totales' END AS den_label,
              CASE WHEN ${isRatio} THEN 100 ELSE 1 END AS factor,
              CASE WHEN ${isRatio} THEN '%'
                   ELSE (${textArray(VALUE_NAMES.map(([, unit]) => unit))})[1 + n % ${VALUE_NAMES.length}] END AS uom,
              CASE WHEN ${pseudoRandomSql("n", "0", S.direction)} < 300 THEN 'decrease' ELSE 'increase' END AS direction,
              CASE WHEN ${isRatio} THEN CASE WHEN n % 3 = 0 THEN 'last' ELSE 'average' END
                   ELSE (ARRAY['sum', 'average', 'last'])[1 + n % 3] END AS aggregation,
              ${pseudoRandomSql("n", "0", S.base)} AS base,
              ${pseudoRandomSql("n", "0", S.sex)} < 100 AS sex,
              ${pseudoRandomSql("n", "0", S.published)} < 500 AS published
       FROM generate_series(1, ${c.indicators}) AS n
     ) AS g
     JOIN objectives o ON o.plan_id = ${planId} AND o.position = (n - 1) % ${c.objectives} + 1
     JOIN units u ON u.code = ${unitCode(`(n - 1) % ${c.units} + 1`)}`,
  );
  counts.indicatorAxes = await run(
    trx,
    `INSERT INTO indicator_axes (indicator_id, axis_id)
     SELECT i.id, a.id FROM indicators i
     JOIN axes a ON a.plan_id = ${planId}
      AND (a.position = (i.position - 1) % ${AXIS_COUNT} + 1
           OR (i.position % 3 = 0 AND a.position = i.position % ${AXIS_COUNT} + 1))
     WHERE i.plan_id = ${planId}`,
  );

  // --- targets and measurements: indicator x monthly period ---------------------------------------
  const monthly = `SELECT id, key, end_date, status, ${monthOrdinal("periods")} AS m
                   FROM periods WHERE plan_id = ${planId} AND periodicity = 'monthly'`;
  counts.targets = await run(
    trx,
    `INSERT INTO targets (indicator_id, period_id, value)
     SELECT i.id, p.id, ${targetSql("i.position", "p.m", "i.kind", "i.direction")}
     FROM indicators i CROSS JOIN (${monthly}) AS p
     WHERE i.plan_id = ${planId}`,
  );

  const stateDraw = pseudoRandomSql("i.position", "p.m", S.state);
  const achievement = `(0.6 + ${pseudoRandomSql("n", "m", S.achievement)} * 0.0007)`;
  const split = `(${pseudoRandomSql("n", "m", S.split)} * 0.0002)`;
  counts.measurements = await run(
    trx,
    `INSERT INTO measurements (indicator_id, period_id, numerator, denominator, value, value_women, value_men,
                               evidence_url, state, review_note, reported_by, reported_at, submitted_at,
                               reviewed_by, reviewed_at, version)
     SELECT id, period_id, numerator, denominator, value,
            CASE WHEN sex AND kind = 'value' THEN round(value * (0.4 + ${split}), 4)
                 WHEN sex THEN least(100, round(value * (0.9 + ${split}), 4)) END,
            CASE WHEN sex AND kind = 'value' THEN value - round(value * (0.4 + ${split}), 4)
                 WHEN sex THEN least(100, round(value * (1.1 - ${split}), 4)) END,
            CASE WHEN state <> 'draft' THEN 'https://evidencias.${LARGE_EMAIL_DOMAIN}/' || code || '/' || key END,
            state,
            CASE WHEN state = 'returned' THEN 'Falta el medio de verificación; corregir y reenviar.' END,
            reported_by, least(now(), end_date + 3 + time '10:00'),
            CASE WHEN state <> 'draft' THEN least(now(), end_date + 5 + time '10:00') END,
            CASE WHEN state IN ('approved', 'returned') THEN ${reviewerSql} END,
            CASE WHEN state IN ('approved', 'returned') THEN least(now(), end_date + 12 + time '16:00') END,
            CASE WHEN state = 'returned' THEN 2 ELSE 1 END
     FROM (
       SELECT y.*,
              CASE WHEN kind = 'ratio' THEN round(numerator / denominator * 100, 4)
                   ELSE round(target * ${achievement}, 2) END AS value
       FROM (
         SELECT x.*,
                CASE WHEN kind = 'ratio' THEN least(denominator, round(denominator * target * ${achievement} / 100)) END
                  AS numerator
         FROM (
           SELECT i.id, i.code, i.kind, i.sex_disaggregated AS sex, p.id AS period_id, p.key, p.end_date, p.m,
                  i.position AS n, h.user_id AS reported_by,
                  ${targetSql("i.position", "p.m", "i.kind", "i.direction")} AS target,
                  CASE WHEN i.kind = 'ratio' THEN 40 + ${pseudoRandomSql("i.position", "p.m", S.denominator)} % 400 END
                    AS denominator,
                  CASE WHEN p.status = 'closed' THEN
                         CASE WHEN ${stateDraw} < 920 THEN 'approved' WHEN ${stateDraw} < 960 THEN 'submitted'
                              WHEN ${stateDraw} < 980 THEN 'returned' ELSE 'draft' END
                       ELSE
                         CASE WHEN ${stateDraw} < 400 THEN 'draft' WHEN ${stateDraw} < 850 THEN 'submitted'
                              ELSE 'returned' END
                  END AS state
           FROM indicators i
           CROSS JOIN (${monthly}) AS p
           LEFT JOIN (SELECT unit_id, min(user_id) AS user_id FROM user_units GROUP BY unit_id) AS h
             ON h.unit_id = i.responsible_unit_id
           WHERE i.plan_id = ${planId} AND NOT (${missingSql("i.position", "p.m")})
         ) AS x
       ) AS y
     ) AS z`,
  );

  // --- action plan: commitments with five milestones each -----------------------------------------
  const comWidth = padWidth(c.commitments, 4);
  counts.commitments = await run(
    trx,
    `INSERT INTO commitments (plan_id, pillar_id, code, title, description, responsible_unit_id,
                              start_date, end_date, weight, is_published, position)
     SELECT ${planId}, pl.id, 'G-COM-' || ${pad("k", comWidth)},
            ${pick(COMMITMENT_TITLES, "k")} || ' ' || ${pad("k", comWidth)},
            'Compromiso del plan de acción generado para pruebas de rendimiento.',
            u.id, start_date, least(date '${LARGE_END_YEAR}-12-31', start_date + 180 + (k * 53) % 540),
            1 + k % 3, k % 2 = 0, k
     FROM (SELECT k, date '${LARGE_START_YEAR}-01-01' + (k * 37) % 900 AS start_date
           FROM generate_series(1, ${c.commitments}) AS k) AS g
     JOIN pillars pl ON pl.plan_id = ${planId} AND pl.position = (k - 1) % ${PILLAR_COUNT} + 1
     JOIN units u ON u.code = ${unitCode(`(k * 3) % ${c.units} + 1`)}`,
  );
  counts.commitmentAxes = await run(
    trx,
    `INSERT INTO commitment_axes (commitment_id, axis_id)
     SELECT c.id, a.id FROM commitments c
     JOIN axes a ON a.plan_id = ${planId} AND a.position = (c.position - 1) % ${AXIS_COUNT} + 1
     WHERE c.plan_id = ${planId}`,
  );
  const draw = pseudoRandomSql("c.position", "j", S.milestone);
  counts.milestones = await run(
    trx,
    `INSERT INTO milestones (commitment_id, title, due_date, weight, progress, state, evidence_url,
                             completed_at, position, updated_by)
     SELECT id, title, due_date, 1, progress, state,
            CASE WHEN state = 'done' THEN 'https://evidencias.${LARGE_EMAIL_DOMAIN}/' || code || '/hito-' || j END,
            CASE WHEN state = 'done' THEN due_date + time '12:00' END, j, ${reviewerSql}
     FROM (
       SELECT c.id, c.code, j,
              (${textArray(MILESTONE_TITLES)})[j] || ' — ' || c.code AS title,
              c.start_date + ((c.end_date - c.start_date) * j) / ${MILESTONES_PER_COMMITMENT} AS due_date,
              CASE WHEN ${draw} < 450 THEN 'done' WHEN ${draw} < 700 THEN 'in_progress'
                   WHEN ${draw} < 950 THEN 'pending' ELSE 'cancelled' END AS state,
              CASE WHEN ${draw} < 450 THEN 100 WHEN ${draw} < 700 THEN 10 + ${draw} % 80
                   WHEN ${draw} < 950 THEN 0 ELSE (${draw} % 5) * 10 END AS progress
       FROM commitments c CROSS JOIN generate_series(1, ${MILESTONES_PER_COMMITMENT}) AS j
       WHERE c.plan_id = ${planId}
     ) AS g`,
  );

  return { planId, counts };
}
