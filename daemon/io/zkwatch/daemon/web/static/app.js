// zkwatch's built-in page. It redraws the server-rendered first view from the daemon's JSON API and keeps it
// current without reloading. No framework, no build step, nothing fetched from anywhere but this daemon.
//
// Every value reaches the page as text (createTextNode, textContent, setAttribute), never as markup: znode paths
// may hold '<', quotes and any Unicode, and must show exactly as they are.
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var REFRESH_SECONDS = Math.max(1, Number(params.get('refresh')) || 5);
  var TOP = Math.max(1, Math.min(200, Number(params.get('top')) || 20));
  var SVG_NS = 'http://www.w3.org/2000/svg';
  /** A member whose share is this many times the even share is called out as skewed (display only). */
  var SKEW_RATIO = 1.5;
  /** Failure reasons that are no fault: the command means nothing on that member, or a guard held it back. */
  var BY_DESIGN = ['unavailable', 'skipped'];
  var updates = 0;
  var lastUpdate = null;

  // ---- DOM helpers: the only way anything is put on the page ----

  function append(node, children) {
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) {
        return;
      }
      node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    });
    return node;
  }

  /** h('td', {class: 'num'}, 'text', childNode, ...) */
  function h(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return append(node, Array.prototype.slice.call(arguments, 2));
  }

  function s(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return append(node, Array.prototype.slice.call(arguments, 2));
  }

  function table(cls, headers, rows) {
    return h('table', {class: cls},
      h('thead', null, append(h('tr'), headers.map(function (x) { return h('th', null, x); }))),
      append(h('tbody'), rows));
  }

  function num(v) {
    return h('td', {class: 'num'}, v === null || v === undefined ? '-' : v);
  }

  function pct(share) {
    return Math.round(share * 100) + '%';
  }

  function section(title, cls) {
    return h('div', {'data-part': cls, class: 'part'}, h('h3', null, title));
  }

  // ---- fetching ----

  function getJson(url) {
    return fetch(url, {headers: {Accept: 'application/json'}, cache: 'no-store'}).then(function (r) {
      if (!r.ok) {
        throw new Error(url + ' answered HTTP ' + r.status);
      }
      return r.json();
    });
  }

  function api(name, part) {
    return '/api/v1/ensembles/' + encodeURIComponent(name) + '/' + part + '?top=' + TOP;
  }

  /** Findings come from /api/v1/findings where the daemon has it; a 404 means this build has no detectors. */
  function getFindings() {
    return fetch('/api/v1/findings', {headers: {Accept: 'application/json'}, cache: 'no-store'})
      .then(function (r) {
        if (r.status === 404) {
          return {available: false};
        }
        if (!r.ok) {
          return {available: true, error: 'HTTP ' + r.status, items: []};
        }
        return r.json().then(function (body) {
          var items = Array.isArray(body) ? body : (body && Array.isArray(body.findings) ? body.findings : []);
          return {available: true, items: items};
        });
      })
      .catch(function (e) { return {available: true, error: e.message, items: []}; });
  }

  // ---- rendering ----

  function pick(obj, keys) {
    for (var i = 0; i < keys.length; i++) {
      var v = obj[keys[i]];
      if (v !== undefined && v !== null && v !== '') {
        return v;
      }
    }
    return null;
  }

  /** A runbook link only if it is http(s) (or relative to this daemon): never javascript: or data:. */
  function safeLink(href) {
    try {
      var u = new URL(String(href), window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function findingsPart(ensemble, findings) {
    var part = section('Active findings', 'findings');
    if (!findings.available) {
      return append(part, [h('p', {class: 'note'},
        'Findings are not available from this zkwatch (it serves no /api/v1/findings).')]);
    }
    if (findings.error) {
      append(part, [h('p', {class: 'error'}, 'Findings could not be read: ' + findings.error)]);
    }
    var mine = findings.items.filter(function (f) { return !f.ensemble || f.ensemble === ensemble; });
    if (mine.length === 0) {
      return append(part, [h('p', {class: 'ok'}, 'No active findings.')]);
    }
    var list = h('ul', {class: 'findings'});
    mine.forEach(function (f) {
      var kind = pick(f, ['finding', 'kind', 'type', 'name']) || 'finding';
      var where = [pick(f, ['server']), pick(f, ['subject'])].filter(Boolean).join(' · ');
      var link = safeLink(pick(f, ['runbook_url', 'runbook', 'runbookUrl']) || '');
      append(list, [h('li', {class: 'finding severity-' + (pick(f, ['severity']) || 'warning')},
        h('strong', null, kind), where ? ' ' : null, where ? h('span', {class: 'where'}, where) : null,
        h('p', null, pick(f, ['explanation', 'summary', 'message', 'description']) || ''),
        link ? h('a', {href: link, rel: 'noopener noreferrer'}, 'Runbook') : null)]);
    });
    return append(part, [list]);
  }

  function health(m) {
    var failing = Object.keys(m.commands || {}).filter(function (c) { return !m.commands[c].ok; });
    var cell = h('td', {class: m.up ? 'up' : 'down'}, m.last_poll ? (m.up ? 'up' : 'down') : 'not polled yet');
    if (failing.length) {
      var list = h('ul', {class: 'failing'});
      failing.forEach(function (c) {
        var st = m.commands[c];
        var benign = BY_DESIGN.indexOf(st.failure) >= 0;
        append(list, [h('li', {title: st.message || '', class: benign ? 'benign' : 'fault'},
          c + ': ' + (st.failure || 'failed') + (benign ? ' (by design)' : ''))]);
      });
      cell.appendChild(list);
    }
    return cell;
  }

  /** "3.9.5-293c8..., built on ..." shows as 3.9.5; the whole string stays in the tooltip. */
  function version(v) {
    return v ? h('td', {title: v}, String(v).split(/[-,\s]/)[0]) : h('td', null, '-');
  }

  function membersPart(e) {
    var part = section('Members', 'members');
    var rows = e.members.map(function (m) {
      return h('tr', {'data-server': m.server},
        h('td', null, m.server, m.origin !== 'configured' ? h('span', {class: 'origin'}, ' ' + m.origin) : null),
        h('td', null, m.role || '-'), health(m), version(m.version),
        num(m.session_connections), num(pct(m.connection_share)),
        num(m.all_watches), num(m.data_watches), num(pct(m.watch_share)));
    });
    return append(part, [table('members', ['member', 'role', 'health', 'version', 'connections', 'share',
      'watches', 'data watches', 'share'], rows)]);
  }

  /** Which member holds the most of a quantity, and how far that is from an even spread. */
  function skew(members, valueKey, shareKey) {
    var counted = members.filter(function (m) { return m.up && typeof m[valueKey] === 'number'; });
    var total = counted.reduce(function (a, m) { return a + m[valueKey]; }, 0);
    if (counted.length < 2 || total === 0) {
      return null;
    }
    var top = counted.reduce(function (a, m) { return m[shareKey] > a[shareKey] ? m : a; });
    var even = 1 / counted.length;
    return {server: top.server, value: top[valueKey], total: total, share: top[shareKey], even: even,
      ratio: top[shareKey] / even};
  }

  function skewLine(what, k) {
    if (!k) {
      return h('p', {class: 'skew-line'}, what + ': not enough data for a spread.');
    }
    var skewed = k.ratio >= SKEW_RATIO;
    return h('p', {class: 'skew-line' + (skewed ? ' skewed' : ''), 'data-ratio': k.ratio.toFixed(2)},
      skewed ? 'Skewed ' + what + ': ' : 'Most ' + what + ': ',
      h('code', null, k.server), ' holds ' + pct(k.share) + ' (' + k.value + ' of ' + k.total + '), '
        + k.ratio.toFixed(1) + '\u00d7 an even share of ' + pct(k.even) + '.');
  }

  function chart(members) {
    var shown = members.filter(function (m) { return m.up; });
    var rowH = 44;
    var labelW = 190;
    var barW = 380;
    var height = shown.length * rowH + 36;
    var svg = s('svg', {class: 'chart', width: labelW + barW + 150, height: height, role: 'img',
      viewBox: '0 0 ' + (labelW + barW + 150) + ' ' + height},
    s('title', null, 'Share of session connections and watches per member'));
    shown.forEach(function (m, i) {
      var y = 8 + i * rowH;
      var g = s('g', {class: 'member', 'data-server': m.server});
      append(g, [s('text', {x: 0, y: y + 17, class: 'label'}, m.server),
        s('text', {x: 0, y: y + 32, class: 'role'}, m.role || '')]);
      [['conn', m.connection_share, (m.session_connections === null ? '-' : m.session_connections) + ' conn'],
        ['watch', m.watch_share, (m.all_watches === null ? '-' : m.all_watches) + ' watches']]
        .forEach(function (b, j) {
          var w = Math.max(1, Math.round(b[1] * barW));
          var by = y + 4 + j * 16;
          append(g, [s('rect', {x: labelW, y: by, width: w, height: 13, class: 'bar ' + b[0],
            'data-share': b[1].toFixed(4)}),
          s('text', {x: labelW + w + 6, y: by + 11, class: 'value'}, b[2] + ' \u00b7 ' + pct(b[1]))]);
        });
      svg.appendChild(g);
    });
    if (shown.length > 1) {
      var x = labelW + Math.round(barW / shown.length);
      append(svg, [s('line', {x1: x, x2: x, y1: 2, y2: height - 26, class: 'even'}),
        s('text', {x: x, y: height - 12, class: 'even-label', 'text-anchor': 'middle'},
          'even share ' + pct(1 / shown.length))]);
    }
    append(svg, [s('rect', {x: labelW + barW - 150, y: height - 22, width: 10, height: 10, class: 'bar conn'}),
      s('text', {x: labelW + barW - 136, y: height - 13, class: 'legend'}, 'connections'),
      s('rect', {x: labelW + barW - 50, y: height - 22, width: 10, height: 10, class: 'bar watch'}),
      s('text', {x: labelW + barW - 36, y: height - 13, class: 'legend'}, 'watches')]);
    return svg;
  }

  function distributionPart(e) {
    var part = section('Distribution over members', 'distribution');
    return append(part, [chart(e.members),
      skewLine('connections', skew(e.members, 'session_connections', 'connection_share')),
      skewLine('watches', skew(e.members, 'all_watches', 'watch_share'))]);
  }

  function sessionsPart(sessions) {
    var part = section('Top sessions by data watches', 'sessions');
    append(part, [h('p', {class: 'meta'}, sessions.distinct_sessions + ' sessions hold data watches.')]);
    var rows = sessions.sessions.map(function (r) {
      return h('tr', null, h('td', null, h('code', null, r.session)), h('td', null, r.client),
        h('td', null, r.server), num(r.watches), h('td', null, r.connected ? 'yes' : 'no (not in cons)'),
        append(h('td', {class: 'paths'}), (r.sample_paths || []).slice(0, 3).map(function (p) {
          return h('code', null, p);
        })));
    });
    return append(part, [table('sessions', ['session', 'client host', 'member', 'watches', 'connected',
      'sample paths'], rows)]);
  }

  function pathsPart(paths) {
    var part = section('Top watched paths', 'paths');
    var byPath = new Map();
    var byPrefix = new Map();
    var listed = false;
    paths.servers.forEach(function (srv) {
      (srv.top_paths || []).forEach(function (p) {
        listed = true;
        var acc = byPath.get(p.path) || {watchers: 0, members: 0};
        acc.watchers += p.watchers;
        acc.members += 1;
        byPath.set(p.path, acc);
      });
      (srv.prefixes || []).forEach(function (p) {
        byPrefix.set(p.prefix, (byPrefix.get(p.prefix) || 0) + p.watches);
      });
    });
    if (!listed) {
      return append(part, [h('p', {class: 'note'}, paths.servers.length
        ? 'No paths to show: nothing is watched, or path_redaction hides paths for this ensemble.'
        : 'No wchp dump has completed yet.')]);
    }
    var top = Array.from(byPath.entries()).sort(function (a, b) { return b[1].watchers - a[1].watchers; })
      .slice(0, TOP);
    var prefixes = Array.from(byPrefix.entries()).sort(function (a, b) { return b[1] - a[1]; }).slice(0, TOP);
    return append(part, [
      table('paths', ['path', 'watching sessions', 'members'], top.map(function (p) {
        return h('tr', null, h('td', null, h('code', null, p[0])), num(p[1].watchers), num(p[1].members));
      })),
      h('h4', null, 'Path prefixes'),
      table('prefixes', ['prefix', 'data watches'], prefixes.map(function (p) {
        return h('tr', null, h('td', null, h('code', null, p[0])), num(p[1]));
      }))]);
  }

  function clientsPart(e, clients) {
    var part = section('Client hosts', 'clients');
    var total = e.members.reduce(function (a, m) { return a + (m.session_connections || 0); }, 0);
    if (clients.clients.length && total > 0) {
      var top = clients.clients[0];
      append(part, [h('p', {class: 'top-client', 'data-client': top.client},
        'Most connections: ', h('strong', null, top.client), ' with ' + top.connections + ' of ' + total
          + ' session connections (' + pct(top.connections / total) + ') on '
          + Object.keys(top.servers).length + ' member(s).')]);
    }
    append(part, [h('p', {class: 'meta'}, clients.distinct_clients + ' client hosts.')]);
    var rows = clients.clients.map(function (c) {
      var where = Object.keys(c.servers).sort().map(function (srv) {
        return h('li', null, srv + ': ' + c.servers[srv].connections + ' conn, ' + c.servers[srv].watches
          + ' watches');
      });
      return h('tr', {'data-client': c.client}, h('td', null, c.client), num(c.connections), num(c.watches),
        append(h('td'), [append(h('ul', {class: 'where'}), where)]));
    });
    return append(part, [table('clients', ['client host', 'connections', 'watches', 'members'], rows)]);
  }

  function ensembleSection(e, details, findings) {
    var up = e.members.filter(function (m) { return m.up; }).length;
    var sec = h('section', {class: 'ensemble', 'data-ensemble': e.name},
      h('h2', null, e.name),
      h('p', {class: 'meta'}, 'Leader: ' + (e.leader || 'none known') + ' \u00b7 ' + up + ' of '
        + e.members.length + ' members up \u00b7 snapshot age ' + Math.round(e.snapshot_age_seconds) + ' s'));
    return append(sec, [findingsPart(e.name, findings), membersPart(e), distributionPart(e),
      clientsPart(e, details[2]), sessionsPart(details[0]), pathsPart(details[1])]);
  }

  function setStatus(text, failed) {
    var st = document.getElementById('status');
    st.textContent = text;
    st.className = failed ? 'error' : '';
  }

  function refresh() {
    var ensemblesP = getJson('/api/v1/ensembles');
    var findingsP = getFindings();
    ensemblesP.then(function (ensembles) {
      return Promise.all(ensembles.map(function (e) {
        return Promise.all([getJson(api(e.name, 'sessions')), getJson(api(e.name, 'paths')),
          getJson(api(e.name, 'clients'))]);
      })).then(function (details) {
        return findingsP.then(function (findings) {
          var main = document.getElementById('ensembles');
          var fresh = ensembles.map(function (e, i) { return ensembleSection(e, details[i], findings); });
          if (!fresh.length) {
            fresh = [h('p', {class: 'empty'}, 'No ensemble is configured.')];
          }
          main.replaceChildren.apply(main, fresh);
          updates += 1;
          lastUpdate = new Date();
          document.body.setAttribute('data-updates', String(updates));
          setStatus('Updated ' + lastUpdate.toLocaleTimeString() + '; refreshes every ' + REFRESH_SECONDS
            + ' s.', false);
        });
      });
    }).catch(function (err) {
      setStatus('Cannot read from zkwatch: ' + err.message
        + (lastUpdate ? '. Showing data from ' + lastUpdate.toLocaleTimeString() + '.' : '.'), true);
    }).then(function () {
      window.setTimeout(refresh, REFRESH_SECONDS * 1000);
    });
  }

  refresh();
}());
