// The host page's own script on csp.html: it reacts to the widget's events (no inline script needed).
const status = document.getElementById('page-status');
const calc = document.getElementById('calc-csp');

function show(text) {
  status.textContent = text;
}

calc.addEventListener('facility-calc:result', (event) => {
  const result = event.detail;
  const area = result.required_area_m2;
  show(area === null
    ? '页面已收到测算结果：该地区文件未规定最低面积。'
    : `页面已收到测算结果：社区综合服务设施最低建筑面积 ${area} 平方米（适用文件 ${result.documents.join('、')}）。`);
});

calc.addEventListener('facility-calc:error', (event) => {
  const fields = event.detail.errors.map((e) => e.message_zh).join('；');
  show(`页面收到输入问题提示：${fields}`);
});
