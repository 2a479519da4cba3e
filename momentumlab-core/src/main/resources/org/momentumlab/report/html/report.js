/* MomentumLab report page: draws the embedded data with ECharts. No network, no storage. */
function mlabReport(data) {
  'use strict';
  var page = document.getElementById('page');
  var charts = [];
  window.mlabCharts = charts; // each drawn chart: {chart, spec, card, state, draw}

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  function add(parent, tag, attrs, text) {
    var e = el(tag, attrs, text);
    parent.appendChild(e);
    return e;
  }

  /** One number notation for every axis and tooltip: plain in [1e-3, 1e5), else 1.2e-4. */
  function fmt(v) {
    if (v == null || typeof v !== 'number' || !isFinite(v)) {
      return '–';
    }
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
      return v.toExponential(2).replace('e+', 'e').replace(/\.?0+e/, 'e');
    }
    return String(+v.toPrecision(4));
  }

  function positive(v, log) {
    return v != null && (!log || v > 0);
  }

  function bandRenderer(band, color) {
    return function (params, api) {
      if (params.dataIndex !== 0) {
        return {type: 'group', children: []}; // an empty element, never null: ECharts removes what a redraw no longer has
      }
      var lower = [];
      var upper = [];
      for (var i = 0; i < band.length; i++) {
        lower.push(api.coord([band[i][0], band[i][1]]));
        upper.push(api.coord([band[i][0], band[i][2]]));
      }
      return {type: 'polygon', shape: {points: lower.concat(upper.reverse())}, style: {fill: color, opacity: 0.18}, silent: true};
    };
  }

  function xExtent(spec, logX) {
    var lo = Infinity;
    var hi = -Infinity;
    spec.series.forEach(function (s) {
      (s.x || []).forEach(function (x) {
        if (positive(x, logX)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      });
    });
    return [lo, hi];
  }

  /** Dash patterns by label (as in the figures): curves of different labels that coincide stay visible. */
  var DASHES = ['solid', [7, 4], [2, 3], [9, 3, 2, 3], [4, 4], [12, 4]];

  function seriesOf(spec, state) {
    var out = [];
    var k = 0;
    spec.series.forEach(function (s) {
      if (s.hline != null) {
        var ext = xExtent(spec, state.logX);
        if (isFinite(ext[0]) && positive(s.hline, state.logY)) {
          out.push({name: s.name, type: 'line', data: [[ext[0], s.hline], [ext[1], s.hline]], showSymbol: false, silent: true,
            lineStyle: {width: 1.2, type: 'dashed', color: s.color}, itemStyle: {color: s.color}, tooltip: {show: false}, z: 1});
        }
        return;
      }
      if (s.lo && state.band) {
        var band = [];
        for (var i = 0; i < s.x.length; i++) {
          if (positive(s.lo[i], state.logY) && positive(s.hi[i], state.logY) && positive(s.x[i], state.logX)) {
            band.push([s.x[i], s.lo[i], s.hi[i]]);
          }
        }
        if (band.length > 1) {
          out.push({name: s.name, type: 'custom', data: band, encode: {x: 0, y: [1, 2]}, renderItem: bandRenderer(band, s.color),
            silent: true, z: 1, clip: true, progressive: 0, tooltip: {show: false}, itemStyle: {color: s.color}});
        }
      }
      if (s.seeds && state.seeds) {
        s.seeds.forEach(function (sd) {
          out.push({name: s.name, type: 'line', data: sd.x.map(function (x, i) {
            return [x, positive(sd.y[i], state.logY) ? sd.y[i] : null];
          }).filter(function (d) { return positive(d[0], state.logX); }), showSymbol: false, silent: true, lineStyle: {width: 0.8, color: s.color, opacity: 0.6}, itemStyle: {color: s.color},
          z: 2, tooltip: {show: false}, mlabSeed: sd.seed});
        });
      }
      var dash = s.dashed ? 'dashed' : DASHES[k++ % DASHES.length];
      out.push({name: s.name, type: 'line', data: s.x.map(function (x, i) {
        return [x, positive(s.y[i], state.logY) ? s.y[i] : null];
      }).filter(function (d) { return positive(d[0], state.logX); }), showSymbol: !!s.markers && s.x.length <= 60, symbolSize: 5, itemStyle: {color: s.color}, z: 3,
        lineStyle: {width: s.dashed ? 1.2 : 2, color: s.color, type: dash}});
    });
    return out;
  }

  function option(spec, state) {
    return {
      animation: false,
      title: {text: spec.title, left: 'center', textStyle: {fontSize: 13, fontWeight: 'bold'}},
      legend: {type: 'scroll', top: 22},
      grid: {left: 70, right: 20, top: 58, bottom: 66},
      tooltip: {trigger: spec.series.some(function (s) { return s.markers; }) ? 'item' : 'axis', valueFormatter: fmt},
      toolbox: {right: 0, top: 0, itemSize: 12, feature: {dataZoom: {filterMode: 'none'}, restore: {}, saveAsImage: {name: spec.figure || 'chart', pixelRatio: 2}}},
      dataZoom: [{type: 'inside', xAxisIndex: 0, filterMode: 'none'}, {type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 14, bottom: 6}],
      xAxis: {type: state.logX ? 'log' : 'value', name: spec.xLabel, nameLocation: 'middle', nameGap: 24, scale: true,
        axisLabel: {formatter: fmt, hideOverlap: true}, splitLine: {show: false}},
      yAxis: {type: state.logY ? 'log' : 'value', name: spec.yLabel, nameLocation: 'middle', nameGap: 52, scale: true,
        axisLabel: {formatter: fmt, hideOverlap: true}},
      series: seriesOf(spec, state)
    };
  }

  function checkbox(parent, text, on, change) {
    var l = add(parent, 'label');
    var c = add(l, 'input', {type: 'checkbox'});
    c.checked = on;
    c.addEventListener('change', function () { change(c.checked); });
    l.appendChild(document.createTextNode(' ' + text));
    return c;
  }

  /** A chart card: the chart, its controls (log axes, band, seeds) and its caption. */
  function chartCard(container, spec) {
    var card = add(container, 'div', {'class': 'card'});
    var div = add(card, 'div', {'class': 'chart'});
    var state = {logX: !!spec.logX, logY: !!spec.logY, seeds: false, band: true};
    var chart = echarts.init(div, null, {renderer: 'canvas'});
    if (window.ResizeObserver) { // the grid may change its columns without a window resize (a scrollbar appearing)
      new ResizeObserver(function () { chart.resize(); }).observe(div);
    }
    function draw() {
      var old = chart.getOption();
      var opt = option(spec, state);
      if (old && old.legend && old.legend[0] && old.legend[0].selected) {
        opt.legend.selected = old.legend[0].selected;
      }
      chart.setOption(opt, true);
    }
    var controls = add(card, 'div', {'class': 'controls'});
    checkbox(controls, 'log y', state.logY, function (v) { state.logY = v; draw(); });
    checkbox(controls, 'log x', state.logX, function (v) { state.logX = v; draw(); });
    if (spec.series.some(function (s) { return s.lo; })) {
      checkbox(controls, 'band', true, function (v) { state.band = v; draw(); });
    }
    if (spec.series.some(function (s) { return s.seeds; })) {
      checkbox(controls, 'each seed', false, function (v) { state.seeds = v; draw(); });
    }
    if (spec.caption) {
      add(controls, 'span', {'class': 'caption'}, spec.caption);
    }
    draw();
    var entry = {chart: chart, spec: spec, card: card, state: state, draw: draw};
    charts.push(entry);
    return entry;
  }

  /** A table whose columns sort on a click (numbers by value, the rest as text). */
  function sortableTable(parent, header, rows) {
    var t = add(parent, 'table', {'class': 'sortable'});
    var hr = add(add(t, 'thead'), 'tr');
    var body = add(t, 'tbody');
    var order = {};
    function fill(list) {
      body.textContent = '';
      list.forEach(function (r) {
        var tr = add(body, 'tr');
        r.forEach(function (c) { add(tr, 'td', null, c); });
      });
    }
    header.forEach(function (h, i) {
      var th = add(hr, 'th', {title: 'sort'}, h);
      th.addEventListener('click', function () {
        order[i] = -(order[i] || -1);
        var dir = order[i];
        fill(rows.slice().sort(function (a, b) {
          var x = parseFloat(a[i]);
          var y = parseFloat(b[i]);
          if (!isNaN(x) && !isNaN(y)) {
            return dir * (x - y);
          }
          return dir * String(a[i]).localeCompare(String(b[i]));
        }));
      });
    });
    fill(rows);
    return t;
  }

  function headerBlock() {
    add(page, 'h1', null, data.title);
    if (data.experiment) {
      add(page, 'p', {'class': 'note'}, 'experiment kind: ' + data.experiment);
    }
    if (data.description) {
      add(page, 'p', {'class': 'lead'}, data.description);
    }
    if (data.paper) {
      add(page, 'p', {'class': 'note'}, 'Paper: ' + data.paper);
    }
    if (data.incomplete) {
      add(page, 'p', {'class': 'warn'}, 'Incomplete run (' + data.incomplete + '): this page shows what was measured.');
    }
  }

  /** The claims' verdicts: one row per claim (and its preset and run directory on the reproduce page). */
  function claimsBlock(list, withPreset) {
    if (!list || list.length === 0) {
      return;
    }
    add(page, 'h2', null, withPreset ? 'Verdicts' : 'Claims');
    var counts = {};
    list.forEach(function (c) { counts[c.verdict] = (counts[c.verdict] || 0) + 1; });
    add(page, 'p', {'class': 'note'}, Object.keys(counts).map(function (k) { return counts[k] + ' ' + k; }).join(', ')
      + '. A claim holds only when its 95 % interval over seeds clears the bound; "ours" gives the estimate [interval].');
    var t = add(add(page, 'div', {'class': 'scroll'}), 'table', {'class': 'claims'});
    var head = withPreset ? ['verdict', 'preset', 'claim', 'source', 'statement', 'ours', 'needs', 'published'] :
      ['verdict', 'claim', 'source', 'statement', 'ours', 'needs', 'published'];
    var hr = add(add(t, 'thead'), 'tr');
    head.forEach(function (h) { add(hr, 'th', null, h); });
    var body = add(t, 'tbody');
    list.forEach(function (c) {
      var tr = add(body, 'tr');
      add(tr, 'td', {'class': 'verdict ' + c.verdict.replace(/ /g, '-')}, c.verdict);
      if (withPreset) {
        var td = add(tr, 'td');
        if (c.href) {
          add(td, 'a', {href: c.href}, c.preset);
        } else {
          td.textContent = c.preset;
        }
      }
      [c.name, c.source, c.statement, c.measured, c.criterion, c.published || ''].forEach(function (v) { add(tr, 'td', null, v); });
    });
  }

  function reproducePage() {
    headerBlock();
    claimsBlock(data.claims, true);
  }

  function metricSelector(metrics, heading) {
    var names = Object.keys(metrics || {});
    if (names.length === 0) {
      return;
    }
    add(page, 'h2', null, heading);
    var bar = add(page, 'div', {'class': 'controls'});
    var l = add(bar, 'label', null, 'metric ');
    var sel = add(l, 'select', {id: 'metric-select'});
    names.forEach(function (n) { add(sel, 'option', {value: n}, n); });
    add(bar, 'span', {'class': 'caption'}, names.length + ' metrics recorded over steps; curves decimated for display (extremes kept), every value in metrics.csv');
    var grid = add(page, 'div', {'class': 'grid wide'});
    var entry = chartCard(grid, metrics[names[0]]);
    sel.addEventListener('change', function () {
      entry.chart.dispose();
      charts.splice(charts.indexOf(entry), 1);
      grid.textContent = '';
      entry = chartCard(grid, metrics[sel.value]);
    });
  }

  function links(list) {
    if (!list || list.length === 0) {
      return;
    }
    add(page, 'h2', null, 'Files');
    var ul = add(page, 'ul', {'class': 'links'});
    list.forEach(function (f) { add(add(ul, 'li'), 'a', {href: f.href}, f.name); });
  }

  function runPage() {
    headerBlock();
    claimsBlock(data.claims, false);
    if (data.figures && data.figures.length) {
      add(page, 'h2', null, 'Figures');
      var grid = add(page, 'div', {'class': 'grid'});
      data.figures.forEach(function (f) { chartCard(grid, f); });
    }
    metricSelector(data.metrics, 'Every metric');
    if (data.table) {
      add(page, 'h2', null, 'Final values');
      add(page, 'p', {'class': 'note'}, 'mean ± std over seeds at the end of training (as table.md); click a column head to sort');
      sortableTable(page, data.table.header, data.table.rows);
    }
    add(page, 'h2', null, 'Spec and provenance');
    var d1 = add(page, 'details');
    add(d1, 'summary', null, 'resolved spec (spec.yaml)');
    add(d1, 'pre', null, data.spec || '');
    var d2 = add(page, 'details');
    add(d2, 'summary', null, 'provenance (provenance.json)');
    add(d2, 'pre', null, data.provenance || '');
    links(data.links);
  }

  function errorBars(bars, color, offsetIndex, count) {
    return function (params, api) {
      var x = api.value(0);
      var m = api.value(1);
      var s = api.value(2);
      if (m == null || s == null || isNaN(m) || isNaN(s)) {
        return null;
      }
      var lo = api.coord([x, m - s]);
      var hi = api.coord([x, m + s]);
      var band = api.size([1, 0])[0] * 0.8;
      var w = band / count;
      var cx = lo[0] - band / 2 + w * (offsetIndex + 0.5);
      var cap = Math.min(8, w / 3);
      var style = {stroke: '#333', lineWidth: 1.2};
      return {type: 'group', children: [
        {type: 'line', shape: {x1: cx, y1: lo[1], x2: cx, y2: hi[1]}, style: style},
        {type: 'line', shape: {x1: cx - cap, y1: lo[1], x2: cx + cap, y2: lo[1]}, style: style},
        {type: 'line', shape: {x1: cx - cap, y1: hi[1], x2: cx + cap, y2: hi[1]}, style: style}
      ]};
    };
  }

  function sweepPage() {
    headerBlock();
    claimsBlock(data.claims, false);
    var p = data.pivot;
    add(page, 'h2', null, 'Table: ' + data.metric);
    add(page, 'p', {'class': 'note'}, 'mean ± std over seeds per cell, labels in the order of the corner; ' + (data.gapNote || ''));
    var t = add(add(page, 'div', {'class': 'scroll'}), 'table', {id: 'pivot'});
    var hr = add(add(t, 'thead'), 'tr');
    add(hr, 'th', null, p.corner);
    var body = add(t, 'tbody');
    var order = {};
    function cellText(c) {
      return c.values.map(function (v) { return v.text; }).join(' / ');
    }
    function fill(rows) {
      body.textContent = '';
      rows.forEach(function (r) {
        var tr = add(body, 'tr');
        add(tr, 'td', null, r.key);
        r.cells.forEach(function (c) {
          var td = add(tr, 'td', null, cellText(c));
          if (c.gap != null) {
            add(td, 'span', {'class': 'gap'}, '(gap ' + c.gapText + ')');
            if (c.clear) {
              td.className = c.gap > 0 ? 'up' : 'down';
            }
          }
        });
      });
    }
    p.columns.forEach(function (c, i) {
      var th = add(hr, 'th', {title: 'sort by gap'}, c === '' ? data.metric : c);
      th.addEventListener('click', function () {
        order[i] = -(order[i] || -1);
        var dir = order[i];
        fill(p.rows.slice().sort(function (a, b) {
          function key(r) {
            var c = r.cells[i];
            return c.gap != null ? c.gap : (c.values[0] && c.values[0].mean != null ? c.values[0].mean : -Infinity);
          }
          return dir * (key(a) - key(b));
        }));
      });
    });
    fill(p.rows);

    add(page, 'h2', null, 'Means with ± std error bars');
    var card = add(page, 'div', {'class': 'card'});
    var div = add(card, 'div', {'class': 'chart', style: 'height: 420px'});
    var chart = echarts.init(div, null, {renderer: 'canvas'});
    var series = [];
    var low = Infinity;
    var high = -Infinity;
    data.bars.forEach(function (b) {
      b.mean.forEach(function (m, i) {
        if (m != null) {
          var sd = b.std[i] || 0;
          low = Math.min(low, m - sd);
          high = Math.max(high, m + sd);
        }
      });
    });
    // small gaps between large values: the axis starts near the data (whiskers included), not at 0
    var step = Math.pow(10, Math.floor(Math.log10(Math.max(high - low, 1e-12)))) / 2;
    var axisMin = low > 0 && high - low < 0.5 * high ? Math.floor((low - 0.05 * (high - low)) / step) * step : null;
    data.bars.forEach(function (b, k) {
      series.push({name: b.name, type: 'bar', data: b.mean, itemStyle: {color: b.color}, barGap: '0%'});
      series.push({name: b.name, type: 'custom', data: b.mean.map(function (m, i) { return [i, m, b.std[i]]; }),
        renderItem: errorBars(data.bars, b.color, k, data.bars.length), z: 10, silent: true, tooltip: {show: false}});
    });
    chart.setOption({
      animation: false,
      legend: {top: 0},
      grid: {left: 70, right: 20, top: 36, bottom: 110},
      tooltip: {trigger: 'axis', valueFormatter: fmt},
      toolbox: {right: 0, feature: {saveAsImage: {name: 'sweep', pixelRatio: 2}}},
      xAxis: {type: 'category', data: data.categories, name: data.categoryAxis, nameLocation: 'middle', nameGap: 90,
        axisLabel: {rotate: 30, interval: 0, fontSize: 10}},
      yAxis: {type: 'value', name: data.metric, nameLocation: 'middle', nameGap: 52, scale: axisMin == null, min: axisMin, axisLabel: {formatter: fmt}},
      series: series
    });
    add(card, 'div', {'class': 'controls'}).appendChild(el('span', {'class': 'caption'},
      'bar: mean over seeds; whisker: ± one std' + (axisMin == null ? '' : '; the value axis starts near the data, not at 0, so that small gaps stay visible')));
    charts.push({chart: chart, spec: {title: 'bars', series: data.bars}, card: card});
    runLinks();
    links(data.links);
  }

  function runLinks() {
    if (!data.runs || data.runs.length === 0) {
      return;
    }
    add(page, 'h2', null, 'Runs (' + data.runs.length + ')');
    var ul = add(page, 'ul', {'class': 'links', id: 'runs'});
    data.runs.forEach(function (r) {
      var li = add(ul, 'li');
      if (r.page) {
        add(li, 'a', {href: r.href}, r.name);
      } else {
        li.textContent = r.name + ' (no page: mlab report draws it)';
      }
    });
  }

  function comparePage() {
    headerBlock();
    add(page, 'h2', null, 'Spec differences');
    if (data.differences.rows.length === 0) {
      add(page, 'p', null, 'The resolved specs are the same.');
    } else {
      sortableTable(page, data.differences.header, data.differences.rows);
    }
    metricSelector(data.metrics, 'Curves, overlaid');
    runLinks();
  }

  if (data.page === 'run') {
    runPage();
  } else if (data.page === 'sweep') {
    sweepPage();
  } else if (data.page === 'reproduce') {
    reproducePage();
  } else {
    comparePage();
  }
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.chart.resize(); });
  });
  document.body.setAttribute('data-ready', 'true');
}

/*
 * The library and the data are stored gzip-compressed (base64) to keep the page small; the browser
 * inflates them (DecompressionStream), runs the library from a blob: URL and draws the page.
 */
(function () {
  'use strict';
  function inflate(id) {
    var b = atob(document.getElementById(id).textContent.trim());
    var bytes = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i++) {
      bytes[i] = b.charCodeAt(i);
    }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  }
  function fail(e) {
    document.body.setAttribute('data-error', String(e));
    var p = document.getElementById('page');
    p.textContent = 'This page could not be drawn (' + e + '). It needs a browser with DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 or later).';
    throw e;
  }
  try {
    Promise.all([inflate('mlab-lib'), inflate('mlab-data')]).then(function (parts) {
      var s = document.createElement('script');
      s.src = URL.createObjectURL(new Blob([parts[0]], {type: 'text/javascript'}));
      s.onload = function () {
        mlabReport(JSON.parse(parts[1]));
      };
      s.onerror = function () { fail(new Error('the charting library did not load')); };
      document.head.appendChild(s);
    }).catch(fail);
  } catch (e) {
    fail(e);
  }
})();
