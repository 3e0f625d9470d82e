-- Attaches `rootlint lsp` to the current buffer with neovim's built-in LSP client, waits for
-- the diagnostics neovim receives, writes them to $ROOTLINT_OUT (one per line), and quits.
-- Written for neovim 0.7 (Debian 12) and later.
local id = vim.lsp.start_client({
  name = "rootlint",
  cmd = { vim.env.ROOTLINT_BIN, "lsp" },
  root_dir = vim.env.ROOTLINT_ROOT,
})
vim.lsp.buf_attach_client(0, id)
local received = vim.wait(30000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local lines = {}
if not received then
  table.insert(lines, "TIMEOUT")
end
local function record()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
    local first = d.message:gsub("\n.*", "")
    table.insert(lines, string.format("%d:%d %s %s %s", d.lnum + 1, d.col + 1, d.severity, code, first))
  end
end
record()
-- An edit inside one line (neovim sends it as a ranged change): the host becomes static, and
-- the finding on that line goes.
local row = tonumber(vim.env.ROOTLINT_EDIT_LINE) - 1
local text = vim.api.nvim_buf_get_lines(0, row, row + 1, false)[1]
local s, e = text:find("ForHost%(iss%)")
if s then
  local before = #vim.diagnostic.get(0)
  vim.api.nvim_buf_set_text(0, row, s - 1, row, e, { 'ForHost("access.token.core")' })
  local changed = vim.wait(30000, function()
    return #vim.diagnostic.get(0) < before
  end, 50)
  table.insert(lines, changed and "-- after the edit" or "-- TIMEOUT after the edit")
  record()
else
  table.insert(lines, "-- NO EDIT")
end
vim.fn.writefile(lines, vim.env.ROOTLINT_OUT)
vim.lsp.stop_client(id)
vim.cmd("qa!")
