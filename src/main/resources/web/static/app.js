// Draws the report's charts from the JSON in data-charts (no inline script: the pages' CSP allows none).
(function () {
  'use strict';
  // every colour comes from the server (web.Palette): one per state and per kind of outcome, the same in every chart
  var GREY = '#757575';

  function draw(id, config) {
    var el = document.getElementById(id);
    if (!el || typeof Chart === 'undefined') { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    el.chart = new Chart(el, config);
  }

  function bars(map, colours) {
    var labels = Object.keys(map);
    return { labels: labels, datasets: [{ label: 'deliveries', data: labels.map(function (k) { return map[k]; }),
      backgroundColor: labels.map(function (k) { return colours[k] || GREY; }) }] };
  }

  function charts() {
    var holder = document.querySelector('[data-charts]');
    if (!holder) { return; }
    var data = JSON.parse(holder.getAttribute('data-charts'));
    var series = data.time.series;
    var colours = data.colours.state;
    draw('chart-time', { type: 'bar', data: { labels: data.time.labels, datasets: Object.keys(series).map(function (k) {
      return { label: k, data: series[k], backgroundColor: colours[k] || GREY };
    }) }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
    draw('chart-state', { type: 'doughnut', data: bars(data.state, colours) });
    draw('chart-reason', { type: 'bar', data: bars(data.reason, data.colours.reason), options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
    var providers = Object.keys(data.provider);
    var outcomes = [];
    providers.forEach(function (p) { Object.keys(data.provider[p]).forEach(function (o) { if (outcomes.indexOf(o) < 0) { outcomes.push(o); } }); });
    draw('chart-provider', { type: 'bar', data: { labels: providers, datasets: outcomes.map(function (o, i) {
      return { label: o, data: providers.map(function (p) { return data.provider[p][o] || 0; }), backgroundColor: data.colours.outcome[o] || GREY };
    }) }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
    draw('chart-code', { type: 'bar', data: { labels: data.code.map(function (c) { return c.label; }), datasets: [{ label: 'deliveries',
      data: data.code.map(function (c) { return c.count; }), backgroundColor: data.code.map(function (c) { return c.colour || GREY; }) }] },
      options: { plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: function (ctx) { return data.code[ctx.dataIndex].sentence; } } } } } });
    holder.setAttribute('data-drawn', String(document.querySelectorAll('[data-charts] canvas').length));
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', charts); } else { charts(); }
})();

// A form answered with errors: the first one is scrolled into view and its field focused, whatever the page's length.
(function () {
  'use strict';
  function first() {
    var error = document.querySelector('main .error[role=alert]');
    if (!error) { return; }
    var field = error.id ? document.querySelector('[aria-describedby~="' + error.id + '"]') : null;
    (field || error).scrollIntoView({ block: 'center' });
    if (field && typeof field.focus === 'function') { field.focus({ preventScroll: true }); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', first); } else { first(); }
})();
