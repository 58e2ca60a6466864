"use client";

import { useRouter } from "next/navigation";
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { HEALTH_LABEL } from "@/lib/labels";
import { HEALTH_COLOR } from "./colors";
import type { ReplicationHealth } from "@/db/schema/enums";

/** The Replication health tile's donut (recharts); a slice opens the grid filtered by its health. */
export function HealthDonut({ rows, itemsHref }: { rows: { health: ReplicationHealth; count: number }[]; itemsHref: string }) {
  const router = useRouter();
  const shown = rows.filter((r) => r.count > 0);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <PieChart accessibilityLayer={false}>
        <Pie
          data={shown}
          dataKey="count"
          nameKey="health"
          innerRadius="60%"
          outerRadius="100%"
          isAnimationActive={false}
          className="cursor-pointer"
          onClick={(slice: { payload?: { health?: ReplicationHealth } }) => {
            if (slice.payload?.health) router.push(`${itemsHref}?health=${slice.payload.health}`);
          }}
        >
          {shown.map((r) => (
            <Cell key={r.health} fill={HEALTH_COLOR[r.health]} />
          ))}
        </Pie>
        <Tooltip formatter={(value, name) => [value, HEALTH_LABEL[name as ReplicationHealth] ?? name]} />
      </PieChart>
    </ResponsiveContainer>
  );
}
