-- copydesk for Neovim 0.11+: put this folder on 'runtimepath' and call
--   vim.lsp.enable('copydesk')
-- Override anything with vim.lsp.config('copydesk', { ... }) before enabling, e.g.
--   vim.lsp.config('copydesk', { settings = { copydesk = { style = 'reuters' } } })
--
-- Settings use the keys of copydesk.toml (style, rules, terms, remove, allow, dateline,
-- attribution_scope, inlay_hints) under `copydesk`; they override the copydesk.toml found next to
-- the story. Leave them empty to let copydesk.toml decide.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = {
    copydesk = vim.empty_dict(),
  },
  -- The server reads its settings at start-up from initializationOptions and later pulls the
  -- `copydesk` section with workspace/configuration: send the same table both ways.
  before_init = function(params, config)
    local s = config.settings and config.settings.copydesk
    if s ~= nil then params.initializationOptions = s end
  end,
  -- Neovim on Linux does not watch files for servers, so tell copydesk when a copydesk.toml is
  -- written from Neovim: the new configuration then applies to open stories at once.
  -- "Allow “word” in this project" edits copydesk.toml and then runs this command, which writes
  -- the file so the change is saved and applies at once (see lua/copydesk/init.lua).
  commands = {
    ['copydesk.saveConfig'] = function(command) require('copydesk').save_config(command) end,
  },
  on_init = function(client)
    local group = vim.api.nvim_create_augroup('copydesk_config_' .. client.id, { clear = true })
    vim.api.nvim_create_autocmd('BufWritePost', {
      group = group,
      pattern = 'copydesk.toml',
      callback = function(ev)
        if client:is_stopped() then return true end
        client:notify('workspace/didChangeWatchedFiles', {
          changes = { { uri = vim.uri_from_fname(vim.fn.fnamemodify(ev.file, ':p')), type = 2 } },
        })
      end,
    })
  end,
}
