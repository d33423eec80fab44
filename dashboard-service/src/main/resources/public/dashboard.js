// The dashboard page (docs/dashboard-service.md, "The page"). Every figure comes from this service's /v1/ API with
// the viewer's bearer token, kept in sessionStorage for this tab only; the alert feed is read with fetch() so that
// the token travels in the Authorization header (EventSource cannot send one), and it resumes with Last-Event-ID.
'use strict';

(function () {
  const TOKEN_KEY = 'medassist.token';
  const LANG_KEY = 'medassist.lang';
  const MAX_ALERTS = 200;

  const TEXT = {
    zh: {
      title: '医疗救助监测', year: '年度', connecting: '连接中…', live: '实时', down: '已断开，重连中…', signOut: '退出',
      cities: '各市救助情况', city: '城市', assistancePaid: '救助金额（元）', tiltPaid: '倾斜救助（元）',
      settled: '已结算', parked: '待参数', rejected: '已拒绝', alerts: '预警', near: '接近预警线', over: '超过预警线',
      liveAlerts: '实时预警', allDepartments: '全部部门', allCities: '全部城市', monthlyCsv: '月度名单 CSV',
      noAlerts: '暂无新预警', chartByCity: '本年度救助金额（按城市）', chartByMonth: '救助金额（按月份）',
      chartByClass: '救助金额（按类别）', watchList: '监测对象（接近或超过预警线）', state: '状态', person: '人员',
      rule: '规则', value: '指标值', threshold: '预警线', personSearch: '人员查询', search: '查询',
      signInTitle: '输入访问令牌', signInHelp: '读取令牌（reader）、经办机构或管理员令牌；仅保存在本浏览器标签页中。',
      signIn: '进入', badToken: '令牌无效或无权读取', assistance: '医疗救助', tilt: '倾斜救助', month: '月份',
      noMonth: '无费用单', updated: '更新于', claim: '费用单', date: '日期', status: '状态', explanation: '说明（规则与条款）',
      S: '政策范围内自付 S', R: '救助后自付 R', burden: '负担', waiting: '等待年度参数', notFound: '未找到该人员的数据',
      forbidden: '无权读取该人员', unclassified: '无类别（申请、年末等）', measureS: '自付 S', measureR: '救助后自付 R', measureBurden: '负担',
      stOver: '超过', stNear: '接近', lowerBound: '至少', tier: '档次', received: '收到', noData: '暂无数据',
      statusNames: { settled: '已结算', adjustment: '调整', reversed: '冲正', parked: '待参数', rejected: '已拒绝', pending: '待处理' },
    },
    en: {
      title: 'Medical assistance monitoring', year: 'Year', connecting: 'connecting…', live: 'live', down: 'disconnected, retrying…',
      signOut: 'Sign out', cities: 'Cities', city: 'City', assistancePaid: 'Assistance (yuan)', tiltPaid: 'Tilt (yuan)',
      settled: 'Settled', parked: 'Parked', rejected: 'Rejected', alerts: 'Alerts', near: 'Near threshold', over: 'Over threshold',
      liveAlerts: 'Live alerts', allDepartments: 'All departments', allCities: 'All cities', monthlyCsv: 'Monthly list CSV',
      noAlerts: 'No new alerts yet', chartByCity: 'Assistance paid this year, by city', chartByMonth: 'Assistance by month',
      chartByClass: 'Assistance by claim class', watchList: 'Persons near or over a monitoring threshold', state: 'State',
      person: 'Person', rule: 'Rule', value: 'Value', threshold: 'Threshold', personSearch: 'Person search', search: 'Search',
      signInTitle: 'Enter your access token', signInHelp: 'A reader, agency or administrator token; kept in this browser tab only.',
      signIn: 'Sign in', badToken: 'unknown token, or it may not read the dashboard', assistance: 'Assistance', tilt: 'Tilt',
      month: 'Month', noMonth: 'no claim', updated: 'updated', claim: 'Claim', date: 'Date', status: 'Status',
      explanation: 'Explanation (rules and clauses)', S: 'Self-pay in scope S', R: 'Residual R', burden: 'Burden',
      waiting: 'waiting for a yearly figure', notFound: 'no data for this person', forbidden: 'this token may not read this person',
      unclassified: 'no class (applications, year end)', measureS: 'self-pay S', measureR: 'residual R', measureBurden: 'burden', stOver: 'over',
      stNear: 'near', lowerBound: 'at least', tier: 'Tier', received: 'received', noData: 'no data yet',
      statusNames: { settled: 'settled', adjustment: 'adjustment', reversed: 'reversed', parked: 'parked', rejected: 'rejected', pending: 'pending' },
    },
  };
  const DEPARTMENTS = {
    zh: { civil_affairs: '民政', rural_revitalization: '乡村振兴', medical_security: '医保', tax: '税务' },
    en: { civil_affairs: 'Civil affairs', rural_revitalization: 'Rural revitalization', medical_security: 'Medical security', tax: 'Tax' },
  };
  // the policy files' claim classes (classes[…] keys; docs/policies.md); another key shows as it is
  const CLASS_NAMES = {
    zh: { inpatient: '住院', outpatient: '普通门诊', special: '门诊特殊病种', chronic: '门诊慢特病', major: '重特大疾病门诊',
      outpatient_nine: '九类门诊病种', inpatient_special: '住院（特殊病种）' },
    en: { inpatient: 'Inpatient', outpatient: 'Outpatient', special: 'Special outpatient', chronic: 'Chronic outpatient',
      major: 'Major-disease outpatient', outpatient_nine: 'Nine-disease outpatient', inpatient_special: 'Inpatient (special)' },
  };
  const FONT = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';

  const state = {
    token: null, lang: 'zh', year: null, overview: null, lastEventId: null, feed: null, alerts: [], charts: {},
    fundRegion: null, fund: null, watch: null, person: null, regionNames: {}, timer: null,
  };
  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[state.lang][key] ?? key;

  // ---------------------------------------------------------------- formatting: money arrives as yuan strings
  function yuan(s) {
    if (s === null || s === undefined) return '–';
    const neg = s.startsWith('-');
    const [int, dec] = (neg ? s.slice(1) : s).split('.');
    return (neg ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dec !== undefined ? '.' + dec : '');
  }
  const num = (s) => Number(s || 0);
  const count = (n) => (n || 0).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-US');
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const cityName = (region) => {
    const n = state.regionNames[region];
    return n ? (state.lang === 'zh' ? n.zh : n.en) : region;
  };
  const dept = (d) => DEPARTMENTS[state.lang][d] || d;
  const className = (c) => c === null ? t('unclassified') : (CLASS_NAMES[state.lang][c] || c);
  const measureName = (m) => ({ S: t('measureS'), R: t('measureR'), burden: t('measureBurden') }[m] || m);

  // ---------------------------------------------------------------- API with the viewer's token
  async function api(path, accept) {
    const res = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token, Accept: accept || 'application/json' } });
    if (res.status === 401) { signIn(t('badToken')); throw new Error('401'); }
    return res;
  }
  async function json(path) {
    const res = await api(path);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) { const e = new Error(body.message || res.status); e.status = res.status; e.body = body; throw e; }
    return body;
  }

  // ---------------------------------------------------------------- sign-in: token in sessionStorage only
  function signIn(message) {
    stopFeed();
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('login-error').textContent = message || '';
    if (!$('login').open) $('login').showModal();
  }
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const token = $('token').value.trim();
    if (!token) return;
    state.token = token;
    try {
      await json('/v1/reports/overview');
    } catch (e) {
      state.token = null;
      $('login-error').textContent = t('badToken');
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    $('login').close();
    start();
  });
  $('signout').addEventListener('click', () => signIn(''));

  // ---------------------------------------------------------------- language
  function applyLang() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = 'medassist · ' + t('title');
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll('[data-dept]')) e.textContent = dept(e.dataset.dept);
    $('lang').textContent = state.lang === 'zh' ? 'English' : '中文';
    fillRegionSelects();
    renderAll();
  }
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, state.lang);
    applyLang();
  });

  // ---------------------------------------------------------------- overview, fund report, watch list
  async function refresh() {
    if (!state.token) return;
    try {
      const ov = await json('/v1/reports/overview' + (state.year ? '?year=' + state.year : ''));
      state.overview = ov;
      state.year = ov.year;
      for (const r of ov.regions) state.regionNames[r.region] = { zh: r.name || r.region, en: r.nameEn || r.region };
      fillYears(ov);
      fillRegionSelects();
      if (!state.fundRegion && ov.regions.length) state.fundRegion = ov.regions[0].region;
      const [fund, watch] = await Promise.all([
        state.fundRegion ? json('/v1/reports/fund?region=' + encodeURIComponent(state.fundRegion) + '&year=' + ov.year) : null,
        json('/v1/reports/watch?year=' + ov.year + '&limit=100'),
      ]);
      state.fund = fund;
      state.watch = watch;
      $('updated').textContent = t('updated') + ' ' + new Date().toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en-GB');
      renderAll();
    } catch (e) {
      if (e.message !== '401') console.warn('refresh failed', e);
    }
  }

  function fillYears(ov) {
    const sel = $('year');
    const years = ov.years.length ? ov.years : [ov.year];
    if ([...sel.options].map((o) => +o.value).join() !== years.join()) {
      sel.replaceChildren(...years.map((y) => el('option', { value: y, text: y })));
    }
    sel.value = ov.year;
    if (!$('person-year').value) $('person-year').value = ov.year;
  }
  $('year').addEventListener('change', () => { state.year = +$('year').value; refresh(); });

  function fillRegionSelects() {
    const regions = state.overview ? state.overview.regions.map((r) => r.region) : [];
    const alertSel = $('alert-region');
    const keep = alertSel.value;
    alertSel.replaceChildren(el('option', { value: '', text: t('allCities') }), ...regions.map((r) => el('option', { value: r, text: cityName(r) })));
    alertSel.value = keep;
    const fundSel = $('fund-region');
    fundSel.replaceChildren(...regions.map((r) => el('option', { value: r, text: cityName(r) })));
    if (state.fundRegion) fundSel.value = state.fundRegion;
  }
  $('fund-region').addEventListener('change', () => { state.fundRegion = $('fund-region').value; refresh(); });

  function renderAll() {
    renderConn();
    renderCities();
    renderCharts();
    renderWatch();
    renderAlerts();
    renderPerson();
  }

  function renderCities() {
    const ov = state.overview;
    if (!ov) return;
    $('city-rows').replaceChildren(...ov.regions.map((r) => el('tr', { 'data-region': r.region },
      el('td', { text: cityName(r.region) }),
      el('td', { class: 'num', 'data-test': 'assistance-' + r.region, text: yuan(r.assistance) }),
      el('td', { class: 'num', text: yuan(r.tilt) }),
      el('td', { class: 'num', text: count(r.statuses.settled) }),
      el('td', { class: 'num', text: count(r.statuses.parked) }),
      el('td', { class: 'num', text: count(r.statuses.rejected) }),
      el('td', { class: 'num', text: count(r.alerts) }),
      el('td', { class: 'num near', text: count(r.near) }),
      el('td', { class: 'num over', text: count(r.over) }))));
  }

  // ---------------------------------------------------------------- charts (Apache ECharts)
  function chart(id) {
    if (!window.echarts) return null;
    if (!state.charts[id]) state.charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return state.charts[id];
  }
  const base = () => ({
    animation: false, // redrawn every few seconds: figures, not motion
    textStyle: { fontFamily: FONT },
    grid: { left: 70, right: 12, top: 30, bottom: 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    yAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
  });

  function axisYuan(v) {
    if (state.lang === 'zh') return Math.abs(v) >= 10000 ? (v / 10000) + '万' : String(v);
    return Math.abs(v) >= 1000 ? (v / 1000) + 'k' : String(v);
  }

  function renderCharts() {
    const ov = state.overview;
    if (!ov) return;
    const byCity = chart('chart-city');
    if (byCity) {
      // every city named: ECharts hides labels that would overlap (every other English name at 1400 px), so each
      // label gets its slot's width and breaks inside a long name instead
      const slot = Math.max(40, Math.floor((byCity.getWidth() - 90) / Math.max(1, ov.regions.length)) - 8);
      byCity.setOption(Object.assign(base(), {
        grid: { left: 70, right: 12, top: 30, bottom: 40 }, // room for a name broken over two lines
        xAxis: { type: 'category', data: ov.regions.map((r) => cityName(r.region)),
          axisLabel: { interval: 0, width: slot, overflow: 'breakAll' } },
        series: [
          { name: t('assistance'), type: 'bar', stack: 'paid', data: ov.regions.map((r) => num(r.assistance)) },
          { name: t('tilt'), type: 'bar', stack: 'paid', data: ov.regions.map((r) => num(r.tilt)) },
        ],
      }), true);
    }
    const months = [...new Set(ov.regions.flatMap((r) => r.byMonth.map((m) => m.month)).filter((m) => m))].sort();
    const byMonth = chart('chart-month');
    if (byMonth) {
      byMonth.setOption(Object.assign(base(), {
        xAxis: { type: 'category', data: months.map((m) => state.lang === 'zh' ? (+m.slice(5)) + '月' : m) },
        series: ov.regions.map((r) => ({
          name: cityName(r.region), type: 'bar', stack: 'month',
          data: months.map((m) => { const b = r.byMonth.find((x) => x.month === m); return b ? num(b.assistance) + num(b.tilt) : 0; }),
        })),
      }), true);
    }
    const byClass = chart('chart-class');
    if (byClass && state.fund) {
      const classes = state.fund.byClass;
      byClass.setOption(Object.assign(base(), {
        grid: { left: 110, right: 16, top: 30, bottom: 24 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', axisLabel: { formatter: axisYuan } },
        yAxis: { type: 'category', data: classes.map((c) => className(c.claimClass)) },
        series: [
          { name: t('assistance'), type: 'bar', stack: 'c', data: classes.map((c) => num(c.assistance)) },
          { name: t('tilt'), type: 'bar', stack: 'c', data: classes.map((c) => num(c.tilt)) },
        ],
      }), true);
    }
  }
  window.addEventListener('resize', () => {
    Object.values(state.charts).forEach((c) => c.resize());
    renderCharts(); // the city labels' widths follow the chart's new width
  });

  // ---------------------------------------------------------------- watch list
  function renderWatch() {
    const w = state.watch;
    if (!w) return;
    $('watch-rows').replaceChildren(...w.persons.slice(0, 100).map((p) => el('tr', {},
      el('td', { class: p.state, text: p.state === 'over' ? t('stOver') : t('stNear') }),
      el('td', {}, el('a', { href: '#', class: 'id', 'data-person': p.personId, text: p.personId })),
      el('td', { text: cityName(p.region) }),
      el('td', { title: p.rule, text: measureName(p.measure) }),
      el('td', { class: 'num', text: (p.estimate === 'lower bound' ? t('lowerBound') + ' ' : '') + yuan(p.value) }),
      el('td', { class: 'num', text: yuan(p.threshold) }))));
  }
  $('watch-rows').addEventListener('click', (ev) => {
    const a = ev.target.closest('[data-person]');
    if (!a) return;
    ev.preventDefault();
    $('person-id').value = a.dataset.person;
    searchPerson();
  });

  // ---------------------------------------------------------------- live alerts: SSE over fetch, resumed exactly
  function stopFeed() { if (state.feed) { state.feed.abort(); state.feed = null; } }

  async function startFeed() {
    stopFeed();
    const ctl = new AbortController();
    state.feed = ctl;
    const params = new URLSearchParams();
    if ($('alert-region').value) params.set('region', $('alert-region').value);
    if ($('alert-recipient').value) params.set('recipient', $('alert-recipient').value);
    if (!state.lastEventId) {
      // the latest alerts so far, from the lists, then the feed from where the lists were (only new ones follow)
      try {
        const list = await json('/v1/alerts?' + params);
        state.alerts = list.alerts.slice().reverse().sort((a, b) => b.month.localeCompare(a.month)).slice(0, 50);
        state.lastEventId = list.position;
        renderAlerts();
      } catch (e) { /* the feed still starts */ }
    }
    if (!ctl.signal.aborted) follow(ctl, params).catch(() => {});
  }

  async function follow(ctl, params) {
    while (!ctl.signal.aborted && state.token) {
      try {
        const headers = { Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream' };
        if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
        const res = await fetch('/v1/alerts/stream?' + params, { headers, signal: ctl.signal, cache: 'no-store' });
        if (res.status === 401) { signIn(t('badToken')); return; }
        if (!res.ok || !res.body) throw new Error('feed answered ' + res.status);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (e) {
        if (ctl.signal.aborted) return;
      }
      setConn(false);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }

  function dispatch(block) {
    let event = 'message', data = '', id = null;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value; else if (field === 'data') data += (data ? '\n' : '') + value; else if (field === 'id') id = value;
    }
    if (id !== null) state.lastEventId = id;
    if (event === 'ready') setConn(true);
    if (event === 'alert') {
      const a = JSON.parse(data);
      a.receivedAt = Date.now();
      state.alerts.unshift(a);
      if (state.alerts.length > MAX_ALERTS) state.alerts.pop();
      renderAlerts(a.alertId);
      clearTimeout(state.timer);
      state.timer = setTimeout(refresh, 500); // the figures moved too
    }
  }

  function setConn(live) {
    state.live = live;
    renderConn();
  }
  function renderConn() {
    const c = $('conn');
    if (state.live === undefined) { c.className = 'conn'; c.textContent = t('connecting'); return; }
    c.className = 'conn ' + (state.live ? 'live' : 'down');
    c.textContent = state.live ? t('live') : t('down');
    c.dataset.live = state.live ? 'true' : 'false';
  }

  function renderAlerts(freshId) {
    $('alert-count').textContent = state.alerts.length;
    $('alert-empty').hidden = state.alerts.length > 0;
    $('alert-list').replaceChildren(...state.alerts.map((a) => el('li', { class: a.alertId === freshId ? 'fresh' : '', 'data-alert-id': a.alertId },
      el('div', { class: 'what' }, cityName(a.region) + ' · ' + measureName(a.measure) + ' ' + yuan(a.value) + ' ≥ ' + yuan(a.threshold)),
      el('div', {}, el('a', { href: '#', class: 'id', 'data-person': a.personId, text: a.personId })),
      el('div', { class: 'meta' }, t('month') + ' ' + a.month + ' · ' + a.recipients.map(dept).join('、') + ' · ' + a.rule.split('/').pop()))));
  }
  $('alert-list').addEventListener('click', (ev) => {
    const a = ev.target.closest('[data-person]');
    if (!a) return;
    ev.preventDefault();
    $('person-id').value = a.dataset.person;
    searchPerson();
  });
  $('alert-region').addEventListener('change', () => { state.lastEventId = null; startFeed(); });
  $('alert-recipient').addEventListener('change', () => { state.lastEventId = null; startFeed(); });

  // the monthly list of the chosen city and department, as CSV (Chinese headings when the page is in Chinese)
  $('csv').addEventListener('click', async () => {
    const p = new URLSearchParams({ format: 'csv', lang: state.lang });
    if ($('alert-region').value) p.set('region', $('alert-region').value);
    if ($('alert-recipient').value) p.set('recipient', $('alert-recipient').value);
    const month = prompt(t('month') + ' (YYYY-MM)', (state.year || new Date().getFullYear()) + '-' + String(new Date().getMonth() + 1).padStart(2, '0'));
    if (!month) return;
    p.set('month', month);
    const res = await api('/v1/alerts?' + p, 'text/csv');
    if (!res.ok) return;
    const blob = await res.blob();
    const a = el('a', { href: URL.createObjectURL(blob), download: 'alerts-' + month + '.csv' });
    document.body.append(a);
    a.click();
    a.remove();
  });

  // ---------------------------------------------------------------- person search (settlement-service through this one)
  $('person-form').addEventListener('submit', (ev) => { ev.preventDefault(); searchPerson(); });

  async function searchPerson() {
    const id = $('person-id').value.trim();
    const year = $('person-year').value || state.year;
    if (!id) return;
    try {
      state.person = { data: await json('/v1/persons/' + encodeURIComponent(id) + '/years/' + year) };
    } catch (e) {
      state.person = { error: e.status === 404 ? t('notFound') : e.status === 403 ? t('forbidden') : String(e.message) };
    }
    renderPerson();
  }

  function renderPerson() {
    const box = $('person-result');
    const p = state.person;
    if (!p) { box.replaceChildren(); return; }
    if (p.error) { box.replaceChildren(el('p', { class: 'error', text: p.error })); return; }
    const d = p.data;
    box.replaceChildren(...d.regions.map((r) => {
      const tt = r.totals;
      const rows = r.ledger.map((e) => el('tr', {},
        el('td', { class: 'id', text: e.kind === 'claim' ? e.hospitalId + '/' + e.claimId : e.reference }),
        el('td', { text: e.date || '' }),
        el('td', { text: (TEXT[state.lang].statusNames[e.status] || e.status) }),
        el('td', { text: e.tier || '–' }),
        el('td', { class: 'num', text: yuan(e.assistancePaid) }),
        el('td', { class: 'num', text: yuan(e.tiltPaid) }),
        el('td', { class: 'expl' }, el('ul', {}, ...(e.explanation || []).map((x) => el('li', { text: x }))))));
      return el('div', { 'data-region': r.region },
        el('p', {}, el('b', { text: d.personId + ' · ' + cityName(r.region) + ' · ' + d.year }), ' ', el('span', { class: 'muted', text: r.policy })),
        el('div', { class: 'totals' },
          el('div', {}, t('assistance'), el('b', { 'data-test': 'person-assistance', text: yuan(tt.assistancePaid) })),
          el('div', {}, t('tilt'), el('b', { 'data-test': 'person-tilt', text: yuan(tt.tiltPaid) })),
          el('div', {}, t('S'), el('b', { text: yuan(tt.S) })),
          el('div', {}, t('R'), el('b', { text: yuan(tt.R) })),
          el('div', {}, t('burden'), el('b', { text: yuan(tt.burden) })),
          tt.waitingForParameter ? el('div', { class: 'near', text: t('waiting') }) : null),
        el('table', { class: 'ledger', 'data-test': 'ledger' },
          el('thead', {}, el('tr', {}, el('th', { text: t('claim') }), el('th', { text: t('date') }), el('th', { text: t('status') }),
            el('th', { text: t('tier') }), el('th', { class: 'num', text: t('assistance') }), el('th', { class: 'num', text: t('tilt') }),
            el('th', { text: t('explanation') }))),
          el('tbody', {}, ...rows)));
    }));
  }

  // ---------------------------------------------------------------- start
  function start() {
    refresh();
    startFeed();
    clearInterval(state.poll);
    state.poll = setInterval(refresh, 5000);
  }

  function boot() {
    state.lang = localStorage.getItem(LANG_KEY) || ((navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en');
    // bin/run opens the page with #token=…: taken once into this tab's sessionStorage, then removed from the address
    const m = location.hash.match(/(?:^#|&)token=([^&]+)/);
    if (m) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    state.token = sessionStorage.getItem(TOKEN_KEY);
    applyLang();
    if (state.token) start(); else signIn('');
  }
  boot();
})();
