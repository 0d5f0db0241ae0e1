-- Headless end-to-end test of copydesk in real Neovim 0.11, through the project's own
-- editors/nvim/lsp/copydesk.lua and vim.lsp.enable('copydesk'). Driven by tests/editors.rs.
--
--   PATH=target/debug:$PATH COPYDESK_RTP=editors/nvim TEST_FILE=/tmp/x/story.md \
--   SPEC=/tmp/x/spec.json OUT_JSON=/tmp/x/result.json nvim --headless --clean -u tests/editors/nvim.lua
--
-- SPEC (JSON): {
--   "settings": {...} | null,   -- the `copydesk` settings section, as a user writes it
--   "diagnostics": [{"code", "line", "byte_col", "utf16_col", "end_byte_col", "severity"?}],  -- 0-based
--   "config_edit": {"text", "code", "severity"} | null,  -- write copydesk.toml in Neovim, wait for the level
--   "hover":  {"line", "byte_col", "contains"} | null,
--   "inlay":  {"line", "character" (in the negotiated encoding), "contains"} | null,
--   "fix":    {"code", "line", "byte_col", "expect_file"} | null  -- whole file text after :write
--   "fix_all": {"expect_file"} | null  -- :CopydeskFixAll, then :write
--   "sources": {"contains"} | null  -- :CopydeskSources fills the location list with that text
--   "allow": {"code", "line", "byte_col", "word", "toml"} | null  -- "Allow “word”" through gra:
--             copydesk.toml (path) saved with the word, the finding gone, no buffer left unsaved
--   "allow_new": {"file", "code", "line", "byte_col", "word", "toml"} | null  -- the same for a
--             story in a project with no copydesk.toml yet (created at the .git root)
-- }
-- Exit 0 = everything held. Failures exit non-zero with the reason on stderr:
--   2 Lua error, 3 watchdog, 4 no client, 5 no/wrong diagnostics, 6 hover, 7 inlay hint,
--   8 code action not applied, 9 written file differs, 10 fix-all, 11 copydesk.toml reload,
--   12 commands missing / sources list, 13 allow this word.

local function env(k, d)
  local v = os.getenv(k)
  if v == nil or v == '' then return d end
  return v
end

local RTP = assert(os.getenv('COPYDESK_RTP'), 'COPYDESK_RTP not set')
local TEST_FILE = assert(os.getenv('TEST_FILE'), 'TEST_FILE not set')
local SPEC = vim.json.decode(table.concat(vim.fn.readfile(assert(os.getenv('SPEC'), 'SPEC not set')), '\n'))
local OUT_JSON = env('OUT_JSON', TEST_FILE .. '.result.json')
local TIMEOUT_MS = tonumber(env('TIMEOUT_MS', '60000'))

-- As a user's init.lua does: editors/nvim on 'runtimepath' before plugins load, so its
-- plugin/copydesk.lua defines the commands with nothing else called.
vim.opt.runtimepath:prepend(RTP)

local t0 = vim.uv.hrtime()
local function ms() return math.floor((vim.uv.hrtime() - t0) / 1e6) end
local function log(...)
  io.stderr:write(('[nvim %5d ms] '):format(ms()) .. table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n')
end

local result = { timings_ms = {} }
local function mark(name) result.timings_ms[name] = ms() end

local function finish(code, msg)
  if msg then log((code == 0 and 'OK: ' or 'FAIL: ') .. msg) end
  result.exit = code
  result.message = msg
  pcall(function()
    local f = assert(io.open(OUT_JSON, 'w'))
    f:write(vim.json.encode(result))
    f:close()
  end)
  local clients = vim.lsp.get_clients()
  for _, c in ipairs(clients) do c:stop() end
  vim.wait(3000, function()
    for _, c in ipairs(clients) do if not c:is_stopped() then return false end end
    return true
  end, 20)
  for _, c in ipairs(clients) do c:stop(true) end
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

local function fail(code, msg) error({ code = code, msg = msg }, 0) end

local function main()
  vim.o.swapfile = false
  vim.o.shadafile = 'NONE'
  vim.defer_fn(function() finish(3, 'watchdog: no result after ' .. TIMEOUT_MS .. ' ms') end, TIMEOUT_MS)

  local diag_events = 0
  vim.api.nvim_create_autocmd('DiagnosticChanged', { callback = function() diag_events = diag_events + 1 end })

  -- The shipped configuration as the README tells a newcomer to use it: copydesk on PATH,
  -- editors/nvim on 'runtimepath', vim.lsp.enable('copydesk').
  if vim.fn.exists(':CopydeskFixAll') ~= 2 or vim.fn.exists(':CopydeskSources') ~= 2 then
    fail(12, ':CopydeskFixAll and :CopydeskSources do not exist with editors/nvim on runtimepath')
  end
  if vim.fn.executable('copydesk') ~= 1 then fail(4, 'copydesk is not on PATH') end
  local settings = (SPEC.settings ~= nil and SPEC.settings ~= vim.NIL) and SPEC.settings or nil
  if os.getenv('COPYDESK_SETUP') == '1' then
    -- the lua/copydesk setup{} path (nvim-lspconfig / 0.10 users; on 0.11 it configures + enables)
    require('copydesk').setup(settings and { settings = { copydesk = settings } } or {})
  else
    if settings then
      -- as editors/nvim/README.md shows: settings under `copydesk`, same keys as copydesk.toml
      vim.lsp.config('copydesk', { settings = { copydesk = settings } })
    end
    vim.lsp.enable('copydesk')
  end
  local cfg = vim.lsp.config.copydesk
  if not (cfg and vim.tbl_contains(cfg.filetypes or {}, 'markdown') and vim.tbl_contains(cfg.filetypes or {}, 'text')
      and vim.tbl_contains(cfg.root_markers or {}, 'copydesk.toml')) then
    fail(4, 'the copydesk configuration from editors/nvim was not picked up: ' .. vim.inspect(cfg))
  end

  vim.cmd.edit(vim.fn.fnameescape(TEST_FILE))
  local buf = vim.api.nvim_get_current_buf()
  log('filetype=' .. vim.bo[buf].filetype)

  if not vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' }) > 0 end, 20) then
    fail(4, 'the copydesk client never attached (is ' .. vim.fn.exepath('copydesk') .. ' runnable?)')
  end
  local client = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
  if not vim.wait(20000, function() return client.initialized end, 20) then fail(4, 'client never initialized') end
  result.offset_encoding = client.offset_encoding
  result.root_dir = client.root_dir
  log(('attached: offset_encoding=%s root_dir=%s'):format(client.offset_encoding, tostring(client.root_dir)))
  mark('attached')

  -- 1. diagnostics: every expected one, at its exact position
  local function find(want)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == want.code and d.lnum == want.line and d.col == want.byte_col then return d end
    end
  end
  local all_there = function()
    for _, w in ipairs(SPEC.diagnostics) do if not find(w) then return false end end
    return #SPEC.diagnostics > 0
  end
  local got = vim.wait(30000, all_there, 50)
  local diags = vim.diagnostic.get(buf)
  result.diagnostics = {}
  for _, d in ipairs(diags) do
    local r = d.user_data and d.user_data.lsp and d.user_data.lsp.range
    table.insert(result.diagnostics, {
      code = d.code, source = d.source, severity = d.severity, message = d.message,
      line = d.lnum, byte_col = d.col, end_line = d.end_lnum, end_byte_col = d.end_col, lsp_range = r or vim.NIL,
    })
  end
  mark('diagnostics')
  log(('%d diagnostics: %s'):format(#diags, table.concat(vim.tbl_map(function(d)
    return ('%s@%d:%d'):format(tostring(d.code), d.lnum, d.col) end, diags), ', ')))
  if not got then fail(5, 'expected diagnostics missing; wanted ' .. vim.json.encode(SPEC.diagnostics)) end
  for _, w in ipairs(SPEC.diagnostics) do
    local d = find(w)
    if d.source ~= (SPEC.source or 'copydesk') then fail(5, 'diagnostic source is ' .. tostring(d.source)) end
    if w.end_byte_col and d.end_col ~= w.end_byte_col then
      fail(5, ('%s ends at byte %d, expected %d'):format(w.code, d.end_col, w.end_byte_col))
    end
    -- the raw LSP range, in the negotiated encoding
    local r = d.user_data.lsp.range
    local want_char = client.offset_encoding == 'utf-8' and w.byte_col or w.utf16_col
    if r.start.line ~= w.line or r.start.character ~= want_char then
      fail(5, ('%s: LSP range starts at %d:%d, expected %d:%d (%s)'):format(
        w.code, r.start.line, r.start.character, w.line, want_char, client.offset_encoding))
    end
    if w.severity ~= nil and w.severity ~= vim.NIL and d.severity ~= w.severity then
      fail(5, ('%s has severity %d, expected %d'):format(w.code, d.severity, w.severity))
    end
    if d.severity > vim.diagnostic.severity.INFO and not w.hint_ok then
      fail(5, w.code .. ' was published as a hint: VS Code would not list it in the Problems panel')
    end
  end

  -- 1b. copydesk.toml edited and written in Neovim: the new level applies without a restart
  if SPEC.config_edit and SPEC.config_edit ~= vim.NIL then
    local ce = SPEC.config_edit
    local toml = vim.fs.joinpath(vim.fs.dirname(TEST_FILE), 'copydesk.toml')
    vim.cmd.split(vim.fn.fnameescape(toml))
    vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(ce.text, '\n', { trimempty = true }))
    vim.cmd('silent write')
    vim.cmd.close()
    local changed = vim.wait(10000, function()
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        if d.code == ce.code and d.severity == ce.severity then return true end
      end
      return false
    end, 20)
    if not changed then fail(11, 'after writing copydesk.toml, ' .. ce.code .. ' did not change to severity ' .. ce.severity) end
    log('copydesk.toml change applied without a restart')
    mark('config_reloaded')
  end

  -- 2. hover, through the user-facing vim.lsp.buf.hover() float
  if SPEC.hover and SPEC.hover ~= vim.NIL then
    local h = SPEC.hover
    vim.api.nvim_win_set_cursor(0, { h.line + 1, h.byte_col })
    local wins_before = vim.api.nvim_list_wins()
    vim.lsp.buf.hover()
    local float
    vim.wait(10000, function()
      for _, w in ipairs(vim.api.nvim_list_wins()) do
        if not vim.tbl_contains(wins_before, w) and vim.api.nvim_win_get_config(w).relative ~= '' then float = w; return true end
      end
      return false
    end, 20)
    if not float then fail(6, 'no hover window at ' .. h.line .. ':' .. h.byte_col) end
    local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
    result.hover = text
    vim.api.nvim_win_close(float, true)
    if not text:find(h.contains, 1, true) then fail(6, 'hover lacks ' .. vim.inspect(h.contains) .. ': ' .. text) end
    log('hover ok: ' .. text:gsub('\n.*', ''))
    mark('hover')
  end

  -- 3. inlay hints
  if SPEC.inlay and SPEC.inlay ~= vim.NIL then
    vim.lsp.inlay_hint.enable(true, { bufnr = buf })
    local labels = {}
    local ok = vim.wait(10000, function()
      labels = {}
      for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
        local hint = item.inlay_hint
        local label = hint.label
        if type(label) == 'table' then
          label = table.concat(vim.tbl_map(function(p) return p.value end, label), '')
        end
        table.insert(labels, { line = hint.position.line, character = hint.position.character, label = label })
      end
      for _, l in ipairs(labels) do
        if l.line == SPEC.inlay.line and l.label:find(SPEC.inlay.contains, 1, true)
            and (SPEC.inlay.character == nil or l.character == SPEC.inlay.character) then return true end
      end
      return false
    end, 50)
    result.inlay_hints = labels
    if not ok then fail(7, 'no inlay hint containing ' .. vim.inspect(SPEC.inlay.contains) .. ' on line ' .. SPEC.inlay.line .. '; got ' .. vim.inspect(labels)) end
    log('inlay hint ok')
    mark('inlay')
  end

  -- 4. the preferred quick fix, through vim.lsp.buf.code_action (the `gra` path)
  if SPEC.fix and SPEC.fix ~= vim.NIL then
    local fx = SPEC.fix
    vim.api.nvim_win_set_cursor(0, { fx.line + 1, fx.byte_col })
    local offered = {}
    local tick = vim.b[buf].changedtick
    vim.lsp.buf.code_action({
      apply = true, -- no menu when exactly one action passes the filter
      context = { only = { 'quickfix' } },
      filter = function(a)
        table.insert(offered, { title = a.title, kind = a.kind, preferred = a.isPreferred == true })
        return a.isPreferred == true
      end,
    })
    local applied = vim.wait(10000, function() return vim.b[buf].changedtick ~= tick end, 20)
    result.code_actions = offered
    log('code actions: ' .. vim.json.encode(offered))
    if not applied then fail(8, 'the preferred quick fix was not applied') end
    mark('fix_applied')
    -- didChange is debounced (150 ms): wait for the server's re-publish before writing
    local ev0 = diag_events
    vim.wait(5000, function() return diag_events > ev0 end, 20)
    vim.cmd('silent write')
    local after = table.concat(vim.fn.readfile(TEST_FILE, 'b'), '\n')
    result.written = after
    if after ~= fx.expect_file then
      fail(9, 'written file differs.\n--- expected\n' .. fx.expect_file .. '\n--- got\n' .. after)
    end
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == fx.code and d.lnum == fx.line and d.col == fx.byte_col then
        fail(9, 'the fixed problem is still reported: ' .. d.message)
      end
    end
    mark('written')
  end

  -- 5. fix all safe problems, with :CopydeskFixAll from lua/copydesk (source.fixAll.copydesk)
  if SPEC.fix_all and SPEC.fix_all ~= vim.NIL then
    local tick = vim.b[buf].changedtick
    vim.cmd('CopydeskFixAll')
    if not vim.wait(10000, function() return vim.b[buf].changedtick ~= tick end, 20) then
      fail(10, ':CopydeskFixAll changed nothing')
    end
    vim.cmd('silent write')
    local after = table.concat(vim.fn.readfile(TEST_FILE, 'b'), '\n')
    if after ~= SPEC.fix_all.expect_file then
      fail(10, 'after :CopydeskFixAll the file differs.\n--- expected\n' .. SPEC.fix_all.expect_file .. '\n--- got\n' .. after)
    end
    log('fix all ok')
    mark('fix_all')
  end
  -- 6. :CopydeskSources: a readable location list
  if SPEC.sources and SPEC.sources ~= vim.NIL then
    vim.cmd('CopydeskSources')
    local items = {}
    local ok = vim.wait(10000, function()
      items = vim.fn.getloclist(0)
      if #items == 0 then
        -- :lopen moved the cursor to the list window; the list belongs to the story window too
        for _, w in ipairs(vim.api.nvim_list_wins()) do
          local l = vim.fn.getloclist(w)
          if #l > 0 then items = l end
        end
      end
      for _, it in ipairs(items) do
        if it.text:find(SPEC.sources.contains, 1, true) then return true end
      end
      return false
    end, 20)
    result.sources = vim.tbl_map(function(it) return it.text end, items)
    if not ok then fail(12, ':CopydeskSources listed no ' .. vim.inspect(SPEC.sources.contains) .. ': ' .. vim.inspect(result.sources)) end
    vim.cmd('lclose')
    vim.api.nvim_set_current_win(vim.fn.bufwinid(buf))
    log('sources ok')
    mark('sources')
  end

  -- 7. "Allow “word” in this project" through the `gra` path: copydesk.toml saved, applied,
  -- nothing left unsaved (so :qa works)
  local function allow(a, story_buf)
    vim.api.nvim_set_current_win(vim.fn.bufwinid(story_buf))
    local has = function()
      for _, d in ipairs(vim.diagnostic.get(story_buf)) do
        if d.code == a.code and d.lnum == a.line and d.col == a.byte_col then return true end
      end
      return false
    end
    if not vim.wait(20000, has, 20) then fail(13, a.code .. ' is not reported before allowing ' .. a.word) end
    vim.api.nvim_win_set_cursor(0, { a.line + 1, a.byte_col })
    local offered = {}
    vim.lsp.buf.code_action({
      apply = true,
      context = { only = { 'quickfix' } },
      filter = function(x)
        table.insert(offered, x.title)
        return x.title:find('Allow', 1, true) == 1
      end,
    })
    local gone = vim.wait(15000, function() return not has() end, 20)
    result.allow_actions = offered
    local toml = vim.fn.filereadable(a.toml) == 1 and table.concat(vim.fn.readfile(a.toml), '\n') or ''
    if not toml:find(a.word, 1, true) then
      fail(13, a.toml .. ' on disk lacks ' .. a.word .. ' after "Allow": ' .. vim.inspect(toml) .. '; offered ' .. vim.inspect(offered))
    end
    if not gone then fail(13, a.code .. ' still reported after allowing ' .. a.word) end
    local unsaved = vim.tbl_map(function(b) return b.name end, vim.fn.getbufinfo({ bufmodified = 1 }))
    if #unsaved > 0 then fail(13, 'buffers left unsaved after "Allow": ' .. vim.inspect(unsaved)) end
    log('allow ' .. a.word .. ' ok')
  end
  if SPEC.allow and SPEC.allow ~= vim.NIL then
    allow(SPEC.allow, buf)
    mark('allow')
  end
  if SPEC.allow_new and SPEC.allow_new ~= vim.NIL then
    vim.cmd.edit(vim.fn.fnameescape(SPEC.allow_new.file))
    local b2 = vim.api.nvim_get_current_buf()
    if not vim.wait(20000, function() return #vim.lsp.get_clients({ bufnr = b2, name = 'copydesk' }) > 0 end, 20) then
      fail(4, 'no copydesk client for ' .. SPEC.allow_new.file)
    end
    allow(SPEC.allow_new, b2)
    mark('allow_new')
  end
  finish(0, 'all checks held')
end

-- Filetype detection is switched on only after the -u script is sourced: start from VimEnter.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(main, function(e)
        if type(e) == 'table' then return e end
        return { code = 2, msg = debug.traceback(tostring(e)) }
      end)
      if not ok then finish(err.code, err.msg) end
    end)
  end,
})
