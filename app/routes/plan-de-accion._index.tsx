import { redirect } from "@remix-run/node";

// The action plan's own overview (commitments, timeline) comes later; its milestones grid is the page today.
export const loader = () => redirect("/plan-de-accion/hitos");
