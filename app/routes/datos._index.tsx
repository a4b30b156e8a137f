import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getAppDb } from "~/db.server";
import { formatIsoDate } from "~/domain/format";
import { getOpenDataCatalog } from "~/services/open-data.server";

export const meta: MetaFunction = () => [
  { title: "Datos abiertos · GORE RMS" },
  {
    name: "description",
    content: "Indicadores y compromisos publicados del plan de gobierno abierto del GORE RMS, en CSV y JSON, con licencia CC BY 4.0.",
  },
];

/** Public (no sign-in; see isPublicPath): the open-data files, their licence and their data dictionary. */
export async function loader() {
  return getOpenDataCatalog(getAppDb().db);
}

type Catalog = Awaited<ReturnType<typeof loader>>;
type Entry = Catalog["dictionary"]["indicadores"][number];

const FILE_TEXT = {
  indicadores: { title: "Indicadores", what: "Un registro por indicador publicado, con meta, valor, cumplimiento y semáforo." },
  compromisos: { title: "Compromisos del plan de acción", what: "Un registro por compromiso publicado, con su avance y sus hitos." },
} as const;

const FORMAT_TEXT = {
  csv: "CSV (planilla)",
  json: "JSON (con metadatos)",
} as const;

export default function OpenDataPage() {
  const catalog = useLoaderData<typeof loader>();
  const { plan, counts, lastUpdate, licence, dictionary } = catalog;
  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">Transparencia · datos abiertos</p>
        <h1>Datos abiertos del plan de gobierno abierto</h1>
        <p className="page-header__lead">
          Los indicadores y compromisos que el Gobierno Regional Metropolitano de Santiago publica de su plan
          {plan ? ` «${plan.name}»` : ""}, para descargar y reutilizar libremente. Las cifras son las oficiales: solo cuentan
          las mediciones aprobadas por planificación, las mismas que muestra el tablero.
        </p>
      </header>

      {plan?.isDemo ? (
        <p className="alert alert--info" role="note">
          El plan publicado es el plan de demostración: sus cifras no son reales.
        </p>
      ) : null}

      <section aria-labelledby="archivos">
        <h2 id="archivos">Archivos</h2>
        {plan ? (
          <p>
            Última actualización de los datos publicados:{" "}
            <strong>{lastUpdate ? formatIsoDate(lastUpdate) : "sin datos publicados aún"}</strong>.
          </p>
        ) : (
          <p className="muted">Aún no hay un plan cargado: los archivos estarán disponibles cuando planificación lo publique.</p>
        )}
        <ul className="link-list">
          {(["indicadores", "compromisos"] as const).map((dataset) => (
            <li key={dataset}>
              <div className="card">
                <h3>{FILE_TEXT[dataset].title}</h3>
                <p className="muted">
                  {FILE_TEXT[dataset].what} {plan ? `${counts[dataset].toLocaleString("es-CL")} publicados.` : null}
                </p>
                <ul>
                  {catalog.files
                    .filter((file) => file.dataset === dataset)
                    .map((file) => (
                      <li key={file.href}>
                        <a href={file.href} download={file.format === "csv" ? true : undefined}>
                          {file.href.replace("/datos/", "")}
                        </a>{" "}
                        <span className="muted">· {FORMAT_TEXT[file.format]}</span>
                      </li>
                    ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
        <p>
          Los indicadores se calculan, como en el tablero, con los valores acumulados del año hasta el último periodo cerrado.
          Para otro periodo agregue <code>?periodo=</code> a la dirección, por ejemplo{" "}
<code>/datos/indicadores.csv?periodo=2024-12</code>{" "}
          (AAAA-MM, AAAA-Qn, AAAA-Sn o AAAA).
        </p>
      </section>

      <section aria-labelledby="licencia">
        <h2 id="licencia">Licencia</h2>
        <p>
          Los datos se publican bajo la licencia{" "}
          <a href={licence.url} rel="license noreferrer" target="_blank">
            {licence.nombre}
          </a>
          : puede copiarlos, redistribuirlos, transformarlos y usarlos para cualquier fin, también comercial, siempre que
          cite la fuente: «{catalog.publisher}».
        </p>
      </section>

      <section aria-labelledby="formato">
        <h2 id="formato">Formato de los archivos</h2>
        <ul>
          <li>
            <strong>CSV</strong>: codificación UTF-8 con marca BOM (Excel muestra bien los tildes y la ñ), separado por comas,
            una fila de encabezados con los nombres de campo de este diccionario y fin de línea CRLF (RFC 4180). Los números
            usan punto decimal y no llevan separador de miles; las fechas, el formato AAAA-MM-DD. En una planilla configurada
            en español de Chile, ábralo con «Datos &gt; Desde texto/CSV» e indique coma como separador y punto como decimal.
          </li>
          <li>
            <strong>Fórmulas</strong>: en el CSV, un texto que empieza con =, +, -, @, tabulación o retorno de carro va
            precedido de un apóstrofo (&apos;) para que ninguna planilla lo ejecute como fórmula. El JSON trae el texto
            original.
          </li>
          <li>
            <strong>JSON</strong>: UTF-8, un objeto con <code>metadata</code> (descrito abajo) y <code>data</code>, la lista de
            registros con los mismos campos que el CSV; en compromisos, cada registro trae además la lista{" "}
            <code>hitos</code>. Los campos sin valor son <code>null</code>.
          </li>
          <li>Los archivos se regeneran en cada descarga y pueden quedar en caché hasta 5 minutos.</li>
        </ul>
      </section>

      <section aria-labelledby="diccionario">
        <h2 id="diccionario">Diccionario de datos</h2>
        <DictionaryTable id="dic-indicadores" title="indicadores.csv e indicadores.json" entries={dictionary.indicadores} />
        <DictionaryTable id="dic-compromisos" title="compromisos.csv y compromisos.json" entries={dictionary.compromisos} />
        <DictionaryTable id="dic-hitos" title="hitos (cada elemento de la lista hitos de compromisos.json)" entries={dictionary.hitos} />
        <DictionaryTable id="dic-metadata" title="metadata (bloque de los archivos JSON)" entries={dictionary.metadata} />
      </section>

      <p className="note">Fuente: {catalog.source}</p>
    </>
  );
}

function DictionaryTable({ id, title, entries }: { id: string; title: string; entries: readonly Entry[] }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Campo</th>
              <th scope="col">Tipo</th>
              <th scope="col">Descripción</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.name}>
                <th scope="row">
                  <code>{entry.name}</code>
                </th>
                <td>{entry.type}</td>
                <td>{entry.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
