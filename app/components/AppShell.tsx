import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { NavItem } from "~/domain/navigation";

export interface ShellUser {
  name: string;
  roleLabel: string;
}

interface AppShellProps {
  planName: string | null;
  isDemo: boolean;
  user: ShellUser | null;
  navigation: NavItem[];
  children: ReactNode;
}

/** The frame of every page: institution bar, plan name, the user's menu, navigation, footer. */
export function AppShell({ planName, isDemo, user, navigation, children }: AppShellProps) {
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
          <div className="site-header__aside">
            {isDemo ? (
              <span className="badge badge--demo" title="Los datos de este plan son de demostración">
                Datos de demostración
              </span>
            ) : null}
            {user ? (
              <div className="user-menu">
                <span className="user-menu__who">
                  <span className="user-menu__name">{user.name}</span>
                  <span className="user-menu__role">{user.roleLabel}</span>
                </span>
                <Link to="/mi-cuenta" className="user-menu__link">
                  Mi cuenta
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--link">
                    Cerrar sesión
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
        </div>
        {navigation.length > 0 ? (
          <nav className="main-nav" aria-label="Navegación principal">
            <ul className="container main-nav__list">
              {navigation.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="main-nav__link" prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
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
