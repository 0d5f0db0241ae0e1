-- copydesk for Neovim: a small setup{} for users of nvim-lspconfig or Neovim 0.10.
-- On Neovim 0.11+ you do not need it: `vim.lsp.enable('copydesk')` uses lsp/copydesk.lua.
--
--   require('copydesk').setup {
--     cmd = { '/path/to/copydesk', 'lsp' },            -- default: copydesk on PATH
--     settings = { copydesk = { style = 'reuters' } }, -- same keys as copydesk.toml
--   }
--
-- setup{} also adds two commands: :CopydeskSources (the story's sources, from the outline) and
-- :CopydeskFixAll (applies every fix copydesk rates safe, nothing else).

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

M.default_config = {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = { copydesk = vim.empty_dict() },
  on_init = M.on_init,
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

--- Lists the story's sources (document symbols) in the location list.
function M.sources()
  vim.lsp.buf.document_symbol({ loclist = true })
end

--- Defines :CopydeskFixAll and :CopydeskSources (setup{} does this for you).
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
      }, { bufnr = ev.buf })
    end,
  })
end

return M
