-- copydesk for Neovim: a small setup{} for users of nvim-lspconfig or Neovim 0.10.
-- On Neovim 0.11+ you do not need it: `vim.lsp.enable('copydesk')` uses lsp/copydesk.lua.
--
--   require('copydesk').setup {
--     cmd = { '/path/to/copydesk', 'lsp' },            -- default: copydesk on PATH
--     settings = { copydesk = { style = 'reuters' } }, -- same keys as copydesk.toml
--   }
--
-- plugin/copydesk.lua adds two commands whichever way copydesk is enabled: :CopydeskSources (the
-- story's sources, from the outline) and :CopydeskFixAll (applies every fix copydesk rates safe).

local M = {}

--- Neovim on Linux does not watch files for servers: tell copydesk when a copydesk.toml is
--- written from Neovim, so the new configuration applies to open stories at once.
function M.on_init(client)
  local group = vim.api.nvim_create_augroup('copydesk_config_' .. client.id, { clear = true })
  vim.api.nvim_create_autocmd('BufWritePost', {
    group = group,
    pattern = 'copydesk.toml',
    callback = function(ev)
      local params = { changes = { { uri = vim.uri_from_fname(vim.fn.fnamemodify(ev.file, ':p')), type = 2 } } }
      if vim.fn.has('nvim-0.11') == 1 then
        if client:is_stopped() then return true end
        client:notify('workspace/didChangeWatchedFiles', params)
      else
        if client.is_stopped() then return true end
        client.notify('workspace/didChangeWatchedFiles', params)
      end
    end,
  })
end

--- The client side of "Allow “word” in this project": the action's edit lands in the
--- copydesk.toml buffer (Neovim loads the file, or creates it, to apply it); this command, which
--- comes with the action, writes that buffer so the change is saved and applies at once (the
--- BufWritePost autocmd above tells the server). A buffer Neovim opened only for the edit is
--- unloaded again, so nothing is left unsaved or hidden.
function M.save_config(command)
  local uri = command and command.arguments and command.arguments[1]
  if type(uri) ~= 'string' then return end
  local fname = vim.uri_to_fname(uri)
  local buf = vim.fn.bufnr(fname)
  if buf == -1 or not vim.api.nvim_buf_is_loaded(buf) then return end
  if vim.bo[buf].modified then
    vim.api.nvim_buf_call(buf, function() vim.cmd('silent keepalt write') end)
  end
  if vim.fn.bufwinid(buf) == -1 and not vim.bo[buf].modified then
    pcall(vim.api.nvim_buf_delete, buf, {})
  end
end

M.commands = {
  ['copydesk.saveConfig'] = function(command) M.save_config(command) end,
}

M.default_config = {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = { copydesk = vim.empty_dict() },
  on_init = M.on_init,
  commands = M.commands,
}

local FIX_ALL = 'source.fixAll.copydesk'

local function merged(opts)
  local cfg = vim.tbl_deep_extend('force', vim.deepcopy(M.default_config), opts or {})
  cfg.init_options = cfg.init_options or cfg.settings.copydesk
  return cfg
end

--- Applies every safe fix in the current buffer (code action kind source.fixAll.copydesk).
function M.fix_all()
  vim.lsp.buf.code_action({
    context = { only = { FIX_ALL }, diagnostics = {} },
    apply = true,
    range = { start = { 1, 0 }, ['end'] = { vim.api.nvim_buf_line_count(0), 0 } },
  })
end

--- The location-list items for copydesk's outline: one line per source, "named source: Mayor
--- Ana Ruiz (2 sentences)", then one per sentence it covers, indented. (Neovim's own outline
--- would print LSP symbol kinds, which say nothing about sources.)
function M.source_items(symbols, bufnr)
  local items = {}
  local function add(sym, text)
    local pos = (sym.selectionRange or sym.range).start
    local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1] or ''
    -- LSP columns are in the client's encoding; the list only needs a column near the mention
    local col = math.min(pos.character, #line) + 1
    table.insert(items, { bufnr = bufnr, lnum = pos.line + 1, col = col, text = text })
  end
  for _, src in ipairs(symbols or {}) do
    local detail = src.detail and src.detail ~= '' and src.detail or 'source'
    local kind, count = detail:match('^(.-), (.*)$')
    add(src, ('%s: %s (%s)'):format(kind or detail, src.name, count or ''))
    for _, child in ipairs(src.children or {}) do
      add(child, '    ' .. child.name)
    end
  end
  return items
end

--- Lists the story's sources in the location list and opens it.
function M.sources()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = (vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' }))[1]
  if not client then
    vim.notify('copydesk is not attached to this buffer', vim.log.levels.WARN)
    return
  end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  local function handler(err, result)
    if err then
      vim.notify('copydesk: ' .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    local items = M.source_items(result, bufnr)
    if #items == 0 then
      vim.notify('copydesk: this story cites no sources', vim.log.levels.INFO)
    end
    vim.fn.setloclist(0, {}, ' ', { title = 'copydesk sources', items = items })
    if #items > 0 then vim.cmd('lopen') end
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('textDocument/documentSymbol', params, handler, bufnr)
  else
    client.request('textDocument/documentSymbol', params, handler, bufnr)
  end
end

--- Defines :CopydeskFixAll and :CopydeskSources (plugin/copydesk.lua does this at start-up).
function M.setup_commands()
  vim.api.nvim_create_user_command('CopydeskFixAll', M.fix_all, { desc = 'copydesk: fix all safe problems' })
  vim.api.nvim_create_user_command('CopydeskSources', M.sources, { desc = 'copydesk: list the sources in this story' })
end

function M.setup(opts)
  local cfg = merged(opts)
  M.setup_commands()

  -- Neovim 0.11+: the built-in registry (also picks up lsp/copydesk.lua when on 'runtimepath').
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    vim.lsp.config('copydesk', cfg)
    vim.lsp.enable('copydesk')
    return
  end

  -- nvim-lspconfig on Neovim 0.10.
  local has_lspconfig, lspconfig = pcall(require, 'lspconfig')
  if has_lspconfig then
    local configs = require('lspconfig.configs')
    local util = require('lspconfig.util')
    if not configs.copydesk then
      configs.copydesk = {
        default_config = {
          cmd = cfg.cmd,
          filetypes = cfg.filetypes,
          root_dir = util.root_pattern(unpack(cfg.root_markers)),
          settings = cfg.settings,
          init_options = cfg.init_options,
          on_init = cfg.on_init,
          commands = cfg.commands,
          single_file_support = true,
        },
        docs = { description = 'copydesk: a copy desk for news drafts' },
      }
    end
    local setup_opts = vim.deepcopy(opts or {})
    setup_opts.root_markers = nil
    lspconfig.copydesk.setup(setup_opts)
    return
  end

  -- Plain Neovim 0.10: start (or reuse) a client for every draft that opens.
  vim.api.nvim_create_autocmd('FileType', {
    group = vim.api.nvim_create_augroup('copydesk', { clear = true }),
    pattern = cfg.filetypes,
    callback = function(ev)
      local root = vim.fs.root(ev.buf, cfg.root_markers) or vim.fs.dirname(vim.api.nvim_buf_get_name(ev.buf))
      vim.lsp.start({
        name = 'copydesk',
        cmd = cfg.cmd,
        root_dir = root,
        settings = cfg.settings,
        init_options = cfg.init_options,
        on_init = cfg.on_init,
        commands = cfg.commands,
      }, { bufnr = ev.buf })
    end,
  })
end

return M
