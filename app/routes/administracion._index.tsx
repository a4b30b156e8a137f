import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireSignedIn } from "~/auth/session.server";
import { hasCapability } from "~/domain/permissions";

export const meta: MetaFunction = () => [{ title: "Administración · GORE RMS" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSignedIn(request);
  const canManageUsers = hasCapability(user.role, "users.manage");
  const canReadAudit = hasCapability(user.role, "audit.read");
  if (!canManageUsers && !canReadAudit) {
    throw forbidden("Solo administración y planificación tienen acceso a esta sección.");
  }
  return { canManageUsers, canReadAudit };
}

export default function Administracion() {
  const { canManageUsers, canReadAudit } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <h1>Administración</h1>
        <p className="page-header__lead">Cuentas de usuario y registro de auditoría del sistema.</p>
      </header>
      <ul className="link-list">
        {canManageUsers ? (
          <li>
            <Link to="/administracion/usuarios">
              <div className="card">
                <h2>Usuarios</h2>
                <p className="muted">Crear cuentas, asignar perfiles y unidades, desactivar accesos y restablecer contraseñas.</p>
              </div>
            </Link>
          </li>
        ) : null}
        {canReadAudit ? (
          <li>
            <Link to="/administracion/auditoria">
              <div className="card">
                <h2>Auditoría</h2>
                <p className="muted">Quién cambió qué y cuándo: cada modificación registrada, con sus valores antes y después.</p>
              </div>
            </Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
