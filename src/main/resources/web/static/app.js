// Draws the report's charts from the JSON in data-charts (no inline script: the pages' CSP allows none).
(function () {
  'use strict';
  var colours = { delivered: '#1b5e20', retry: '#f9a825', failed: '#a4161a', uncertain: '#6a1b9a' };
  var palette = ['#0b57d0', '#1b5e20', '#a4161a', '#f9a825', '#6a1b9a', '#00838f', '#5d4037', '#37474f', '#ad1457', '#2e7d32'];

  function draw(id, config) {
    var el = document.getElementById(id);
    if (!el || typeof Chart === 'undefined') { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    el.chart = new Chart(el, config);
  }

  function bars(map) {
    var labels = Object.keys(map);
    return { labels: labels, datasets: [{ label: 'deliveries', data: labels.map(function (k) { return map[k]; }),
      backgroundColor: labels.map(function (k, i) { return colours[k] || palette[i % palette.length]; }) }] };
  }

  function charts() {
    var holder = document.querySelector('[data-charts]');
    if (!holder) { return; }
    var data = JSON.parse(holder.getAttribute('data-charts'));
    var series = data.time.series;
    draw('chart-time', { type: 'bar', data: { labels: data.time.labels, datasets: Object.keys(series).map(function (k) {
      return { label: k, data: series[k], backgroundColor: colours[k] };
    }) }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
    draw('chart-state', { type: 'doughnut', data: bars(data.state) });
    draw('chart-reason', { type: 'bar', data: bars(data.reason), options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
    var providers = Object.keys(data.provider);
    var outcomes = [];
    providers.forEach(function (p) { Object.keys(data.provider[p]).forEach(function (o) { if (outcomes.indexOf(o) < 0) { outcomes.push(o); } }); });
    draw('chart-provider', { type: 'bar', data: { labels: providers, datasets: outcomes.map(function (o, i) {
      return { label: o, data: providers.map(function (p) { return data.provider[p][o] || 0; }), backgroundColor: palette[i % palette.length] };
    }) }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
    draw('chart-code', { type: 'bar', data: { labels: data.code.map(function (c) { return c.label; }), datasets: [{ label: 'deliveries',
      data: data.code.map(function (c) { return c.count; }), backgroundColor: palette[0] }] },
      options: { plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: function (ctx) { return data.code[ctx.dataIndex].sentence; } } } } } });
    holder.setAttribute('data-drawn', String(document.querySelectorAll('[data-charts] canvas').length));
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', charts); } else { charts(); }
})();
