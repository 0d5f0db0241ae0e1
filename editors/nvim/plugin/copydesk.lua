-- copydesk's Neovim commands, defined as soon as editors/nvim is on 'runtimepath' (with
-- vim.lsp.enable('copydesk') alone, or with require('copydesk').setup{}):
--   :CopydeskFixAll   apply every fix copydesk rates safe in this buffer
--   :CopydeskSources  list the story's sources in the location list
if vim.g.loaded_copydesk then return end
vim.g.loaded_copydesk = true

require('copydesk').setup_commands()
