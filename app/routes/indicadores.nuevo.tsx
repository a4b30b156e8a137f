import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { formValuesFrom, IndicatorForm, readIndicatorForm } from "~/components/IndicatorForm";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import { createIndicator, getIndicatorFormChoices, newIndicatorFormValues } from "~/services/indicators.server";
import styles from "~/styles/indicators.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Nuevo indicador · Indicadores · GORE RMS" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    const { plan, objectives, units, axes } = await getIndicatorFormChoices(ctx);
    const objective = new URL(request.url).searchParams.get("objetivo");
    return { planName: plan.name, objectives, units, axes, values: newIndicatorFormValues(objective) };
  } catch (error) {
    return rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const input = readIndicatorForm(await request.formData());
  try {
    const id = await createIndicator(ctx, input);
    return redirect(`/indicadores/${id}?creado=1`);
  } catch (error) {
    const failure = failureResponse(error);
    return data({ ...failure.data, input }, failure.init ?? undefined);
  }
}

export default function NuevoIndicador() {
  const { planName, objectives, units, axes, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/indicadores">Indicadores</Link> · {planName}
        </p>
        <h1>Nuevo indicador</h1>
        <p className="page-header__lead">
          Defina cómo se mide el indicador y a qué objetivo estratégico aporta. Las metas por periodo se fijan después, en la
          página del indicador.
        </p>
      </header>
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <section className="card" aria-label="Definición del indicador">
        <IndicatorForm
          key={failure ? "failed" : "fresh"}
          values={failure ? formValuesFrom(failure.input, values) : values}
          issues={failure?.issues}
          objectives={objectives.filter((objective) => !objective.archived)}
          units={units.filter((unit) => unit.is_active)}
          axes={axes}
          submitLabel="Crear indicador"
          busy={busy}
          cancelTo="/indicadores"
        />
      </section>
    </>
  );
}
