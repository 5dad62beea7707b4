#!/usr/bin/env bash
# Draws the PNGs in bench/plots/ from the CSV files the benchmarks wrote under bench/results/.
# Usage (repository root): bench/plots/plot.sh [results-folder]   (needs gnuplot: apt-get install -y gnuplot-nox)
set -euo pipefail
command -v gnuplot > /dev/null || { echo "gnuplot is not installed here (apt-get install -y gnuplot-nox): no plots drawn" >&2; exit 1; }
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

# the tail over the soak: time to 202 per minute by due time; heap after each GC pause and the pauses, on the same
# time axis (the GC log's uptime less the service's uptime when the first soak message was due)
if [ -f "$results/load/soak-latency.csv" ]; then
  gnuplot -e "$common; set output '$plots/tail-soak.png';
    set title 'Time to 202 per minute of the soak (500 msg/s, by due time)';
    set xlabel 'seconds into the soak'; set ylabel 'ms (log scale)'; set logscale y; set key top right;
    plot '$results/load/soak-latency.csv' using 1:6 every ::1 with linespoints lw 2 pt 6 lc rgb '#229954' title 'p50',
         '' using 1:7 every ::1 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'p99',
         '' using 1:8 every ::1 with linespoints lw 2 pt 5 lc rgb '#2471a3' title 'p99.9',
         '' using 1:9 every ::1 with linespoints lw 1 pt 4 dt 2 lc rgb 'black' title 'max',
         25 with lines lw 1 dt 3 lc rgb '#c0392b' title 'target p99 25 ms'"
  if [ -f "$results/load/gc-pauses.csv" ]; then
    up0=$(awk -F, 'NR == 2 { print $4 }' "$results/load/soak-latency.csv")
    gnuplot -e "$common; set output '$plots/gc-soak.png';
      set title 'Heap after each GC pause, and the pauses, over the soak';
      set xlabel 'seconds into the soak'; set ylabel 'heap after GC (MiB)'; set y2label 'pause (ms, log scale)';
      set yrange [0:*]; set logscale y2; set y2tics; set ytics nomirror; set key top right; set xrange [0:*];
      plot '$results/load/gc-pauses.csv' using (\$2-$up0):6 every ::1 with points pt 7 ps 0.4 lc rgb '#7d3c98' title 'heap after GC',
           '' using (\$2-$up0):8 every ::1 axes x1y2 with impulses lc rgb '#c0392b' title 'pause'"
  fi
fi

# the cold start: time to 202 per 10 s, plain start against the extracted jar with a CDS archive
if [ -f "$results/cold-start/plain/soak-latency.csv" ]; then
  fast="$results/cold-start/fast-start/soak-latency.csv"
  gnuplot -e "$common; set output '$plots/cold-start.png';
    set title 'Cold start: time to 202 per 10 s at 500 msg/s, no warm-up (by due time)';
    set xlabel 'seconds after ready'; set ylabel 'ms (log scale)'; set logscale y; set key top right;
    plot '$results/cold-start/plain/soak-latency.csv' using 1:7 every ::1 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'plain start p99',
         '' using 1:9 every ::1 with linespoints lw 1 pt 6 dt 2 lc rgb '#c0392b' title 'plain start max',
         $( [ -f "$fast" ] && echo "'$fast' using 1:7 every ::1 with linespoints lw 2 pt 5 lc rgb '#2471a3' title 'fast start (CDS) p99',
         '$fast' using 1:9 every ::1 with linespoints lw 1 pt 4 dt 2 lc rgb '#2471a3' title 'fast start max'," )
         100 with lines lw 1 dt 3 lc rgb 'black' title 'target p99 100 ms'"
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
