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
      visualMap: {
        type: "continuous", min: 0, max: values.length ? Math.max.apply(null, values) : 1,
        left: rtl ? "right" : "left", bottom: 8, calculable: true,
        inRange: { color: ["#e3f1f8", "#009edb", "#00405c"] }, formatter: compact()
      },
      series: [{
        type: "map", map: "world", nameProperty: "iso3", name: data.name, roam: true,
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#f2b134" } },
        itemStyle: { areaColor: "#eeeeee", borderColor: "#ffffff", borderWidth: 0.5 },
        data: data.data
      }]
    };
  }

  var shapes = null;
  function worldShapes(url) {
    if (!shapes) {
      shapes = fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (topology) {
          echarts.registerMap("world", topojson.feature(topology, topology.objects.countries));
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
