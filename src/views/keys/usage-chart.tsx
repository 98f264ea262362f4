import { formatCount, formatDay } from "../../text/dates";
import { T, t, useLang } from "../platform/page-context";

/** One Bangkok day of a key's verifications (as GET /api/v1/keys/:id/usage answers). */
export interface UsageDay {
  date: string;
  valid: number;
  refused: number;
}

// The chart's drawing units: one bar per day, refused stacked on valid, the tallest day at the top.
const BAR = 10;
const GAP = 2;
const HEIGHT = 60;
const AXIS = 18;

/**
 * A key's verifications per day as a server-rendered SVG bar chart (valid green, refused red
 * stacked above), described for screen readers by its totals, with the figures in a table under
 * it (colour is never the only way to read them).
 */
export function UsageChart(props: { keyId: string; name: string; prefix: string; days: UsageDay[] }) {
  const lang = useLang();
  const { days } = props;
  const id = `usage-${props.keyId}`;
  const valid = days.reduce((n, d) => n + d.valid, 0);
  const refused = days.reduce((n, d) => n + d.refused, 0);
  const top = Math.max(1, ...days.map((d) => d.valid + d.refused));
  const width = days.length * (BAR + GAP);
  const height = (n: number) => (n / top) * HEIGHT;
  const first = days[0] ? formatDay(days[0].date)[lang] : "";
  const last = days.at(-1) ? formatDay(days.at(-1)!.date)[lang] : "";
  const summary = t({
    th: `${props.name} (${props.prefix}…): ${days.length} วันล่าสุด ผ่าน ${formatCount(valid).th} ครั้ง ถูกปฏิเสธ ${formatCount(refused).th} ครั้ง`,
    en: `${props.name} (${props.prefix}…): last ${days.length} days, ${formatCount(valid).en} valid, ${formatCount(refused).en} refused`,
  });
  const used = days.filter((d) => d.valid + d.refused > 0);
  return (
    <figure class="usage">
      <figcaption id={`${id}-caption`}>
        <strong>{props.name}</strong> <code>{props.prefix}…</code>{" "}
        <span class="small" aria-hidden="true">
          <T
            th={`${days.length} วันล่าสุด: ผ่าน ${formatCount(valid).th} · ถูกปฏิเสธ ${formatCount(refused).th}`}
            en={`Last ${days.length} days: ${formatCount(valid).en} valid · ${formatCount(refused).en} refused`}
          />
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${HEIGHT + AXIS}`} role="img" aria-label={summary} class="usage-chart">
        <line x1="0" y1={HEIGHT + 0.5} x2={width} y2={HEIGHT + 0.5} class="axis" />
        {days.map((d, i) => {
          const x = i * (BAR + GAP);
          const v = height(d.valid);
          const r = height(d.refused);
          return (
            <g>
              <title>{`${formatDay(d.date)[lang]}: ${t({ th: "ผ่าน", en: "valid" })} ${formatCount(d.valid)[lang]}, ${t({ th: "ถูกปฏิเสธ", en: "refused" })} ${formatCount(d.refused)[lang]}`}</title>
              {v > 0 ? <rect x={x} y={HEIGHT - v} width={BAR} height={v} class="valid" /> : null}
              {/* A one-unit white gap between the two, so they differ by more than colour (WCAG 1.4.11). */}
              {r > 0 ? (
                <rect x={x} y={HEIGHT - v - r - (v > 0 ? 1 : 0)} width={BAR} height={r} class="refused" />
              ) : null}
            </g>
          );
        })}
        <text x="0" y={HEIGHT + AXIS - 3} class="label">
          {first}
        </text>
        <text x={width} y={HEIGHT + AXIS - 3} text-anchor="end" class="label">
          {last}
        </text>
      </svg>
      <p class="legend small">
        <span class="swatch valid" aria-hidden="true" /> <T th="ผ่าน" en="Valid" />{" "}
        <span class="swatch refused" aria-hidden="true" /> <T th="ถูกปฏิเสธ" en="Refused" />
      </p>
      {used.length === 0 ? (
        <p class="small">
          <T th="ยังไม่มีการใช้งานในช่วงนี้" en="No use in this period." />
        </p>
      ) : (
        <details>
          <summary>
            <T th="ตัวเลขรายวัน" en="Figures per day" />
            <span class="vh">: {props.name}</span>
          </summary>
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <T th="วันที่" en="Date" />
                </th>
                <th scope="col">
                  <T th="ผ่าน" en="Valid" />
                </th>
                <th scope="col">
                  <T th="ถูกปฏิเสธ" en="Refused" />
                </th>
              </tr>
            </thead>
            <tbody>
              {used.map((d) => (
                <tr>
                  <th scope="row">
                    <time datetime={d.date}>{formatDay(d.date)[lang]}</time>
                  </th>
                  <td>{formatCount(d.valid)[lang]}</td>
                  <td>{formatCount(d.refused)[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
