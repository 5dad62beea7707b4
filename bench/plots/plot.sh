#!/usr/bin/env bash
# Draws the older PNGs in bench/plots/ (load, JMH, memory, rejects) from the CSV files the benchmarks wrote under
# bench/results/. The soak's and the cold start's charts are drawn in Java (dev.handoff.bench.load.Plots in load.jar),
# which bench/run.sh plots runs first: gnuplot is not on every machine.
# Usage (repository root): bench/plots/plot.sh [results-folder]   (needs gnuplot: apt-get install -y gnuplot-nox)
set -euo pipefail
# without gnuplot the PNGs in git stay as they are: not an error for bench/run.sh plots, whose Java charts were drawn
command -v gnuplot > /dev/null || { echo "gnuplot is not installed here (apt-get install -y gnuplot-nox): the older plots" \
  "(latency-vs-rate, delivery-vs-rate, cost-vs-*, memory-soak, rejects-query-time) were not redrawn" >&2; exit 0; }
results="${1:-bench/results}"
plots="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

common='set terminal pngcairo size 900,560 font "DejaVu Sans,11"; set datafile separator ","; set key top left; set grid'

# latency vs rate, one file per route (open-loop rows of load.csv)
if [ -f "$results/load/load.csv" ]; then
  for route in guarded store forward; do
    awk -F, -v r="$route" 'NR > 1 && $1 == r && $2 == "open"' "$results/load/load.csv" > "$tmp/$route.csv"
  done
  gnuplot -e "$common; set output '$plots/latency-vs-rate.png';
    set title 'Time to 202 vs offered rate (open loop, tracking-event message)';
    set xlabel 'offered rate (msg/s)'; set ylabel 'time to 202 (ms, log scale)'; set logscale y; set logscale x 2;
    set xtics (100, 250, 500, 1000, 2000, 4000);
    plot '$tmp/guarded.csv' using 3:10 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'guarded p99',
         '$tmp/guarded.csv' using 3:9 with linespoints lw 2 pt 6 dt 2 lc rgb '#c0392b' title 'guarded p50',
         '$tmp/store.csv' using 3:10 with linespoints lw 2 pt 5 lc rgb '#2471a3' title 'store without guard p99',
         '$tmp/store.csv' using 3:9 with linespoints lw 2 pt 4 dt 2 lc rgb '#2471a3' title 'store without guard p50',
         '$tmp/forward.csv' using 3:10 with linespoints lw 2 pt 9 lc rgb '#229954' title 'forward (no guard, no store) p99',
         '$tmp/forward.csv' using 3:9 with linespoints lw 2 pt 8 dt 2 lc rgb '#229954' title 'forward p50',
         25 with lines lw 1 dt 3 lc rgb 'black' title 'target p99 25 ms at 500 msg/s'"
  gnuplot -e "$common; set output '$plots/delivery-vs-rate.png';
    set title 'Time from due to arrival at the receiver vs offered rate (open loop)';
    set xlabel 'offered rate (msg/s)'; set ylabel 'time to delivery (ms, log scale)'; set logscale y; set logscale x 2;
    set xtics (100, 250, 500, 1000, 2000, 4000);
    plot '$tmp/guarded.csv' using 3:17 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'guarded p99',
         '$tmp/guarded.csv' using 3:16 with linespoints lw 2 pt 6 dt 2 lc rgb '#c0392b' title 'guarded p50',
         '$tmp/store.csv' using 3:17 with linespoints lw 2 pt 5 lc rgb '#2471a3' title 'store without guard p99',
         '$tmp/store.csv' using 3:16 with linespoints lw 2 pt 4 dt 2 lc rgb '#2471a3' title 'store without guard p50',
         '$tmp/forward.csv' using 3:17 with linespoints lw 2 pt 9 lc rgb '#229954' title 'forward p99',
         '$tmp/forward.csv' using 3:16 with linespoints lw 2 pt 8 dt 2 lc rgb '#229954' title 'forward p50'"
fi

# guard cost vs message size
if [ -f "$results/jmh/message-size.csv" ]; then
  gnuplot -e "$common; set output '$plots/cost-vs-message-size.png';
    set title 'Cost per message vs size (email campaign, HTML body with links)';
    set xlabel 'message size (bytes, log scale)'; set ylabel 'µs per message (log scale)'; set logscale xy;
    plot '$results/jmh/message-size.csv' using 2:3 every ::1 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'guard',
         '' using 2:5 every ::1 with linespoints lw 2 pt 5 lc rgb '#2471a3' title 'Jackson parse + Everit validate',
         '' using 2:4 every ::1 with linespoints lw 2 pt 9 lc rgb '#229954' title 'Jackson parse'"
fi

# guard cost vs schema size and vs number of contracts
if [ -f "$results/jmh/schema-size.csv" ]; then
  gnuplot -e "$common; set output '$plots/cost-vs-schema-size.png';
    set title 'Cost per message vs schema size (flat contract, all properties present)';
    set xlabel 'properties in the schema and the message (log scale)'; set ylabel 'µs per message (log scale)'; set logscale xy;
    plot '$results/jmh/schema-size.csv' using 1:3 every ::1 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'guard',
         '' using 1:5 every ::1 with linespoints lw 2 pt 5 lc rgb '#2471a3' title 'Jackson parse + Everit validate',
         '' using 1:4 every ::1 with linespoints lw 2 pt 9 lc rgb '#229954' title 'Jackson parse'"
fi
if [ -f "$results/jmh/contract-count.csv" ]; then
  gnuplot -e "$common; set output '$plots/cost-vs-contracts.png';
    set title 'Cost per message vs contracts loaded (round robin over every contract)';
    set xlabel 'contracts loaded (log scale)'; set ylabel 'µs per message'; set logscale x; set yrange [0:*];
    plot '$results/jmh/contract-count.csv' using 1:2 every ::1 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'guard (edge typical messages)'"
fi

# memory over the soak run
if [ -f "$results/load/soak.csv" ]; then
  awk -F, 'NR > 1 && $3 != ""' "$results/load/soak.csv" > "$tmp/gc.csv"
  gnuplot -e "$common; set output '$plots/memory-soak.png';
    set title 'Memory over the soak run (guarded edge at a steady rate)';
    set xlabel 'seconds'; set ylabel 'MiB'; set yrange [0:*]; set key top right;
    plot '$results/load/soak.csv' using 1:4 every ::1 with lines lw 2 lc rgb '#7d3c98' title 'RSS',
         '' using 1:2 every ::1 with lines lw 1 lc rgb '#2471a3' title 'heap in use',
         '$tmp/gc.csv' using 1:3 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'heap after full GC'"
fi

# review API time vs rejects stored
if [ -f "$results/rejects/rejects.csv" ]; then
  # "all, newest page" holds a comma, so in the CSV its name is the field "all"
  for q in "edge+rule" "status=open" "causes" "all"; do
    f="$tmp/$(echo "$q" | tr -c 'a-z' '_').csv"
    awk -F, -v q="$q" 'NR > 1 && $2 == q' "$results/rejects/rejects.csv" > "$f"
  done
  gnuplot -e "$common; set output '$plots/rejects-query-time.png';
    set title 'Review API time vs rejects stored (median of 5 calls)' noenhanced; set key noenhanced;
    set xlabel 'rejects stored (log scale)'; set ylabel 'ms (log scale)'; set logscale xy;
    plot '$tmp/edge_rule_.csv' using 1:4 with linespoints lw 2 pt 7 title 'GET /api/rejects?edge=&rule=',
         '$tmp/status_open_.csv' using 1:4 with linespoints lw 2 pt 5 title 'GET /api/rejects?status=open',
         '$tmp/all_.csv' using 1:5 with linespoints lw 2 pt 9 title 'GET /api/rejects',
         '$tmp/causes_.csv' using 1:4 with linespoints lw 2 pt 11 title 'GET /api/causes'"
fi
ls -la "$plots"/*.png 2>/dev/null || true
