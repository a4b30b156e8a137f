import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

export const NAV_ITEMS = [
  { to: "/", label: "Tablero", end: true },
  { to: "/plan", label: "Plan", end: false },
  { to: "/indicadores", label: "Indicadores", end: false },
  { to: "/plan-de-accion", label: "Plan de acción", end: false },
  { to: "/reportes", label: "Reportes", end: false },
  { to: "/administracion", label: "Administración", end: false },
] as const;

interface AppShellProps {
  planName: string | null;
  isDemo: boolean;
  children: ReactNode;
}

/** The frame of every internal page: institution bar, plan name, navigation, footer. */
export function AppShell({ planName, isDemo, children }: AppShellProps) {
  return (
    <>
      <a className="skip-link" href="#contenido">
        Saltar al contenido
      </a>
      <div className="gov-stripe" aria-hidden="true" />
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__institution">Gobierno Regional Metropolitano de Santiago</span>
            <span className="brand__plan">{planName ?? "Planificación estratégica y control de gestión"}</span>
          </Link>
          {isDemo ? (
            <span className="badge badge--demo" title="Los datos de este plan son de demostración">
              Datos de demostración
            </span>
          ) : null}
        </div>
        <nav className="main-nav" aria-label="Navegación principal">
          <ul className="container main-nav__list">
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} className="main-nav__link" prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenido" className="container main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>
            Gobierno Regional Metropolitano de Santiago · Departamento de Modernización, Planificación
            Estratégica y Control de Gestión
          </p>
          <p className="site-footer__muted">Modelo de gobierno abierto: modernización, transparencia y participación.</p>
        </div>
      </footer>
    </>
  );
}
