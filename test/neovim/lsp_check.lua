-- Neovim's built-in LSP client against dist/server.js --stdio: prints every diagnostic and one hover,
-- then exits 0 when the expected rule ids arrived (exit 1 otherwise). Run by test/lsp/neovim.test.ts.
local bufnr = vim.api.nvim_get_current_buf()
local expected = vim.split(vim.env.EXPECT_CODES or '', ',', { trimempty = true })
local id = vim.lsp.start_client({
  name = 'ndes-lens',
  cmd = { 'node', vim.env.LSP_SERVER, '--stdio' },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(bufnr, id)
local function codes()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code then seen[code] = true end
  end
  return seen
end
local ok = vim.wait(15000, function()
  local seen = codes()
  for _, c in ipairs(expected) do if not seen[c] then return false end end
  return true
end, 50)
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  io.stdout:write(('DIAG %d:%d %s %s\n'):format(d.lnum + 1, d.col + 1, code, d.source or ''))
end
local first = vim.diagnostic.get(bufnr)[1]
if first then
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = first.lnum, character = first.col },
  }, 5000)
  for _, r in pairs(res or {}) do
    if r.result and r.result.contents then
      local value = r.result.contents.value or ''
      io.stdout:write('HOVER ' .. value:gsub('\n', ' '):sub(1, 400) .. '\n')
    end
  end
end
io.stdout:flush()
if ok then vim.cmd('qa!') else vim.cmd('cq') end
