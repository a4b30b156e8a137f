/** "¿Cómo se calcula?": the engine's own explanation of a number, one line per step. */
export function HowCalculated({ lines, label = "¿Cómo se calcula?" }: { lines: readonly string[]; label?: string }) {
  if (lines.length === 0) return null;
  return (
    <details className="how">
      <summary>{label}</summary>
      <ul>
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
