/* Evidence charts: every element with data-chart="<id>" is drawn from the JSON in the
   <script type="application/json" id="<id>"> the page carries (the same values are in the
   table beside it). ECharts draws on a canvas; the world map's shapes come from the platform
   itself, as TopoJSON whose countries carry their ISO3 code. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var rtl = document.documentElement.dir === "rtl";
  var palette = ["#0077a8", "#c05a00", "#5a7d00", "#7b3f99", "#b00020"];

  function formatter(unit) {
    var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    return function (value) {
      if (value === null || value === undefined || isNaN(value)) { return "–"; }
      return number.format(value) + (unit === "%" ? "%" : "");
    };
  }

  function compact() {
    var number = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
    return function (value) { return number.format(value); };
  }

  function lineOption(data) {
    var format = formatter(data.unit);
    var series = data.series.map(function (line) {
      // A single period (the 2017 bilateral estimates) reads better as a bar than as a dot.
      if (data.categories.length === 1) { return { type: "bar", name: line.name, data: line.data, barMaxWidth: 48 }; }
      return { type: "line", name: line.name, data: line.data, connectNulls: true, showSymbol: data.categories.length < 40 };
    });
    if (data.target) {
      series.push({
        type: "line", name: data.target.name, symbol: "none",
        lineStyle: { type: "dashed", color: "#0a6b2d" }, itemStyle: { color: "#0a6b2d" },
        data: data.categories.map(function () { return data.target.value; })
      });
    }
    return {
      color: palette,
      tooltip: { trigger: "axis", valueFormatter: format },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.categories, inverse: rtl },
      yAxis: { type: "value", position: rtl ? "right" : "left", axisLabel: { formatter: data.unit === "%" ? format : compact() } },
      series: series
    };
  }

  function barOption(data) {
    var format = formatter(data.unit);
    return {
      color: palette,
      tooltip: { trigger: "axis", valueFormatter: format },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", inverse: rtl, axisLabel: { formatter: data.unit === "%" ? format : compact() } },
      yAxis: { type: "category", data: data.categories, inverse: true, position: rtl ? "right" : "left" },
      series: data.series.map(function (bars) { return { type: "bar", name: bars.name, data: bars.data }; })
    };
  }

  function mapOption(data) {
    var format = formatter(data.unit);
    var values = data.data.map(function (item) { return item.value; });
    var labels = {};
    data.data.forEach(function (item) { labels[item.name] = item.label; });
    return {
      tooltip: {
        trigger: "item",
        formatter: function (item) {
          var name = labels[item.name] || item.name;
          return name + ": " + format(item.value);
        }
      },
      // Quantiles, not a linear scale: one country's hundred million would otherwise leave
      // every other country the same pale colour.
      visualMap: {
        type: "piecewise", pieces: quantilePieces(values, 5, compact()),
        left: rtl ? "right" : "left", bottom: 8,
        inRange: { color: ["#e3f1f8", "#8fd0ec", "#009edb", "#0077a8", "#00405c"] }
      },
      series: [{
        type: "map", map: "world", nameProperty: "iso3", name: data.name, roam: true,
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#f2b134" } },
        itemStyle: { areaColor: "#eeeeee", borderColor: "#ffffff", borderWidth: 0.5 },
        data: data.data
      }]
    };
  }

  /* `count` classes holding about as many countries each, as visualMap pieces with their
     bounds written in the page's language. */
  function quantilePieces(values, count, format) {
    var sorted = values.filter(function (v) { return v !== null && !isNaN(v); }).sort(function (a, b) { return a - b; });
    if (!sorted.length) { return [{ min: 0, max: 1 }]; }
    var bounds = [];
    for (var i = 1; i < count; i += 1) { bounds.push(sorted[Math.floor(i * sorted.length / count)]); }
    bounds = bounds.filter(function (bound, index) { return index === 0 || bound > bounds[index - 1]; });
    var pieces = [];
    var low = sorted[0];
    bounds.concat([Infinity]).forEach(function (high) {
      var top = high === Infinity ? sorted[sorted.length - 1] : high;
      if (top < low) { return; }
      var piece = high === Infinity ? { gte: low } : { gte: low, lt: high };
      piece.label = format(low) + " – " + format(top);
      pieces.push(piece);
      low = high;
    });
    return pieces;
  }

  /* ECharts draws shapes on a flat plane: a ring with points on both sides of the antimeridian
     (Chukotka, Fiji) would be drawn as a band across the map. Such a ring's points are moved
     to the side where most of them are. */
  function onOneSide(ring) {
    var east = ring.filter(function (point) { return point[0] > 0; }).length;
    var crosses = ring.some(function (point) { return point[0] > 170; }) && ring.some(function (point) { return point[0] < -170; });
    if (!crosses) { return ring; }
    return ring.map(function (point) {
      if (east * 2 >= ring.length && point[0] < 0) { return [180, point[1]]; }
      if (east * 2 < ring.length && point[0] > 0) { return [-180, point[1]]; }
      return point;
    });
  }
  function withoutAntimeridianBands(collection) {
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry) { return; }
      if (geometry.type === "Polygon") { geometry.coordinates = geometry.coordinates.map(onOneSide); }
      if (geometry.type === "MultiPolygon") {
        geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(onOneSide); });
      }
    });
    return collection;
  }

  var shapes = null;
  function worldShapes(url) {
    if (!shapes) {
      shapes = fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (topology) {
          echarts.registerMap("world", withoutAntimeridianBands(topojson.feature(topology, topology.objects.countries)));
        });
    }
    return shapes;
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(element, null, { renderer: "canvas", locale: lang === "zh-hans" ? "ZH" : "EN" });
    window.addEventListener("resize", function () { chart.resize(); });
    var ready = data.type === "map" ? worldShapes(data.shapes) : Promise.resolve();
    ready.then(function () {
      var option = data.type === "map" ? mapOption(data) : data.type === "bar" ? barOption(data) : lineOption(data);
      option.animation = false;
      chart.setOption(option);
      if (data.type === "map") {
        // A country that is a State opens its page.
        chart.on("click", function (item) {
          if (item.data && item.data.url) { window.location.assign(item.data.url); }
        });
      }
      element.setAttribute("data-drawn", "true");
    }).catch(function () {
      element.setAttribute("data-drawn", "failed");
    });
  }

  function drawAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  } else {
    drawAll(document);
  }
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();

/* "Sending to" lists only the places with prices from the chosen sender. The form names the
   JSON of every receiver's name and of the receivers of each sender in data-receivers, and the
   list is rebuilt from it as the sender changes; without this script the server narrows the
   list once the form comes back with a sender. */
(function () {
  "use strict";
  function narrow(form) {
    var source = document.getElementById(form.getAttribute("data-receivers"));
    var sender = form.elements.sender;
    var receiver = form.elements.receiver;
    if (!source || !sender || !receiver) { return; }
    var data = JSON.parse(source.textContent);
    var codes = data.by_sender[sender.value] || Object.keys(data.names);
    var chosen = receiver.value;
    var lang = document.documentElement.lang || "en";
    codes = codes.slice().sort(function (a, b) { return data.names[a].localeCompare(data.names[b], lang); });
    var blank = receiver.options[0] && !receiver.options[0].value ? receiver.options[0] : null;
    receiver.replaceChildren();
    if (blank) { receiver.appendChild(blank); }
    codes.forEach(function (code) {
      var option = new Option(data.names[code], code);
      option.selected = code === chosen;
      receiver.appendChild(option);
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-receivers") && event.target.name === "sender") { narrow(form); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-receivers]"), narrow);
  });
})();
