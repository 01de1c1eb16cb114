-- How riskmap lays a deliverable out in Word, on top of its reference
-- document: a cover page, a table of contents titled in the document's
-- language, one title, numbered headings, tables as wide as their content,
-- wide tables on landscape pages, and (for the scenario sheets) each
-- section on a new page. The document's metadata is riskmap's front matter;
-- riskmap adds the words the cover needs in the document's language
-- (riskmap-words) and the layout choices (riskmap-new-page).

local stringify = pandoc.utils.stringify

-- Portrait and landscape A4 with riskmap's margins; the header and footer
-- parts are those of the reference document, one pair per orientation.
local margins = '<w:pgMar w:top="1247" w:right="1134" w:bottom="1247" w:left="1134" ' ..
                'w:header="567" w:footer="567" w:gutter="0"/>'
local portrait = '<w:sectPr><w:headerReference w:type="default" r:id="rIdRiskmapHeader"/>' ..
                 '<w:footerReference w:type="default" r:id="rIdRiskmapFooter"/>' ..
                 '<w:pgSz w:w="11906" w:h="16838"/>' .. margins .. '</w:sectPr>'
local landscape = '<w:sectPr><w:headerReference w:type="default" r:id="rIdRiskmapHeaderWide"/>' ..
                  '<w:footerReference w:type="default" r:id="rIdRiskmapFooterWide"/>' ..
                  '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' .. margins .. '</w:sectPr>'
-- A table of this many columns or more goes on a landscape page.
local wide_columns = 8

local function xml(text)
  return (text:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'):gsub('"', '&quot;'))
end

local function raw(text) return pandoc.RawBlock('openxml', text) end

local function paragraph(style, text)
  return raw('<w:p><w:pPr><w:pStyle w:val="' .. style .. '"/></w:pPr><w:r><w:t xml:space="preserve">' ..
             xml(text) .. '</w:t></w:r></w:p>')
end

local page_break = raw('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

-- Ends the section before it: the paragraph carries the section's layout.
local function section_end(layout) return raw('<w:p><w:pPr>' .. layout .. '</w:pPr></w:p>') end

local function field(meta, name)
  if meta[name] == nil then return nil end
  local text = stringify(meta[name])
  if text == '' then return nil end
  return text
end

-- The cover: title (pandoc's title block, kept alone), mission, client,
-- then what the document is, and its classification.
local function cover(meta, words)
  local blocks = {}
  local mission = field(meta, 'mission')
  if mission then table.insert(blocks, paragraph('Subtitle', mission)) end
  local client = field(meta, 'client')
  if client then table.insert(blocks, paragraph('CoverClient', client)) end
  local rows = {}
  for _, key in ipairs({'version', 'status', 'date', 'author'}) do
    local value = field(words, key .. '-value') or field(meta, key)
    if value then
      table.insert(rows, '<w:tr><w:tc><w:tcPr><w:tcW w:w="2400" w:type="dxa"/></w:tcPr>' ..
                   '<w:p><w:pPr><w:pStyle w:val="Compact"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>' ..
                   '<w:t xml:space="preserve">' .. xml(field(words, key)) .. '</w:t></w:r></w:p></w:tc>' ..
                   '<w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/></w:tcPr><w:p><w:pPr>' ..
                   '<w:pStyle w:val="Compact"/></w:pPr><w:r><w:t xml:space="preserve">' .. xml(value) ..
                   '</w:t></w:r></w:p></w:tc></w:tr>')
    end
  end
  if #rows > 0 then
    table.insert(blocks, raw('<w:tbl><w:tblPr><w:tblW w:w="8400" w:type="dxa"/><w:tblBorders>' ..
                             '<w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>' ..
                             '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>' ..
                             '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>' ..
                             '</w:tblBorders><w:tblCellMar><w:top w:w="60" w:type="dxa"/>' ..
                             '<w:bottom w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>' ..
                             '<w:tblGrid><w:gridCol w:w="2400"/><w:gridCol w:w="6000"/></w:tblGrid>' ..
                             table.concat(rows) .. '</w:tbl>'))
  end
  local classification = field(meta, 'classification')
  if classification then table.insert(blocks, paragraph('CoverMarking', classification)) end
  table.insert(blocks, page_break)
  return blocks
end

-- The table of contents, written out: each entry links to its heading and
-- shows its page through a PAGEREF field, which LibreOffice computes when it
-- lays the pages out and Word updates on opening (settings.xml asks it to).
local function contents(headings, title)
  local parts = {'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">' ..
                 xml(title) .. '</w:t></w:r></w:p>'}
  for _, h in ipairs(headings) do
    table.insert(parts, '<w:p><w:pPr><w:pStyle w:val="TOC' .. h.level .. '"/></w:pPr>' ..
                 '<w:hyperlink w:anchor="' .. h.id .. '" w:history="1"><w:r><w:t xml:space="preserve">' ..
                 xml(h.text) .. '</w:t></w:r><w:r><w:tab/></w:r>' ..
                 '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">' ..
                 ' PAGEREF ' .. h.id .. ' \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>' ..
                 '</w:r><w:r><w:t>' .. h.page .. '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' ..
                 '</w:hyperlink></w:p>')
  end
  return raw(table.concat(parts))
end

-- The length of a cell's text, and of its longest word: what a column
-- needs to be read without words split in the middle.
local function measure(cell_blocks)
  local text = stringify(cell_blocks)
  local longest = 0
  for word in text:gmatch('%S+') do
    longest = math.max(longest, utf8.len(word) or #word)
  end
  return utf8.len(text) or #text, longest
end

-- Column widths in proportion to what their cells hold: a column gets its
-- longest word at least, and more as its text is longer, up to a cap.
local function set_widths(tbl)
  local n = #tbl.colspecs
  local total, longest = {}, {}
  for i = 1, n do total[i], longest[i] = 0, 1 end
  local rows = 0
  local function visit(row)
    rows = rows + 1
    for i, cell in ipairs(row.cells) do
      if i <= n then
        local length, word = measure(cell.contents)
        total[i] = math.max(total[i], length)
        longest[i] = math.max(longest[i], word)
      end
    end
  end
  for _, row in ipairs(tbl.head.rows) do visit(row) end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do visit(row) end
  end
  local want, sum = {}, 0
  for i = 1, n do
    want[i] = math.max(longest[i] * 1.1 + 3, math.min(total[i], 40) * 0.75)
    sum = sum + want[i]
  end
  for i = 1, n do tbl.colspecs[i][2] = want[i] / sum end
  return tbl
end

local function is_wide(block)
  return block.t == 'Table' and #block.colspecs >= wide_columns
end

local function renumber(blocks, new_page)
  local counters = {0, 0, 0, 0, 0, 0}
  local headings = {}
  local out = {}
  local landscape_open = false
  -- Whether a wide table follows within a heading and a few paragraphs:
  -- the landscape pages then go on.
  local function wide_ahead(from)
    for i = from, math.min(from + 4, #blocks) do
      local b = blocks[i]
      if is_wide(b) then return true end
      if b.t ~= 'Header' and b.t ~= 'Para' and b.t ~= 'Plain' then return false end
    end
    return false
  end
  for index, block in ipairs(blocks) do
    if landscape_open and not is_wide(block) and not wide_ahead(index) then
      table.insert(out, section_end(landscape))
      landscape_open = false
    end
    if block.t == 'Header' then
      local level = block.level
      if level <= 3 then
        counters[level] = counters[level] + 1
        for deeper = level + 1, #counters do counters[deeper] = 0 end
        local number = tostring(counters[1])
        for l = 2, level do number = number .. '.' .. counters[l] end
        -- pandoc's bookmark of a heading starts before its paragraph,
        -- where LibreOffice loses it when a table comes just before (the
        -- contents then read "Error: Reference source not found"): the
        -- contents point to a bookmark inside the heading's paragraph.
        block.identifier = ''
        table.insert(block.content, 1, pandoc.Str(number))
        table.insert(block.content, 2, pandoc.Space())
        if level <= 2 then
          local n = #headings + 1
          local id = 'riskmap-' .. n
          table.insert(headings, {level = level, id = id, text = stringify(block.content), page = ''})
          table.insert(block.content, 1, pandoc.RawInline('openxml',
            '<w:bookmarkStart w:id="' .. (90000 + n) .. '" w:name="' .. id .. '"/>' ..
            '<w:bookmarkEnd w:id="' .. (90000 + n) .. '"/>'))
        end
        if level == 1 and new_page and #out > 0 then table.insert(out, page_break) end
      end
      table.insert(out, block)
    elseif block.t == 'Table' then
      set_widths(block)
      if is_wide(block) and not landscape_open then
        -- The heading that introduces the table, and the few paragraphs
        -- after it, go on the landscape page with it.
        local at = #out + 1
        local back = #out
        while back >= 1 and back > #out - 4 and (out[back].t == 'Para' or out[back].t == 'Plain') do
          back = back - 1
        end
        if back >= 1 and out[back].t == 'Header' then at = back end
        table.insert(out, at, section_end(portrait))
        landscape_open = true
      end
      table.insert(out, block)
    else
      table.insert(out, block)
    end
  end
  if landscape_open then table.insert(out, section_end(landscape)) end
  return out, headings
end

function Pandoc(doc)
  local meta = doc.meta
  local words = meta['riskmap-words'] or {}
  local title = field(meta, 'title')
  local blocks = doc.blocks
  -- One title: the document's first heading repeats the cover's.
  if #blocks > 0 and blocks[1].t == 'Header' and blocks[1].level == 1 and
      stringify(blocks[1].content) == title then
    table.remove(blocks, 1)
    local other_top = false
    for _, block in ipairs(blocks) do
      if block.t == 'Header' and block.level == 1 then other_top = true end
    end
    if not other_top then
      for _, block in ipairs(blocks) do
        if block.t == 'Header' then block.level = math.max(1, block.level - 1) end
      end
    end
  end
  local new_page = meta['riskmap-new-page'] and stringify(meta['riskmap-new-page']) == 'true'
  local body, headings = renumber(blocks, new_page)
  local out = cover(meta, words)
  if #headings > 1 then
    table.insert(out, contents(headings, field(words, 'contents') or 'Contents'))
    table.insert(out, page_break)
  end
  for _, block in ipairs(body) do table.insert(out, block) end
  -- The cover shows these; pandoc's title block would repeat them.
  meta.subtitle = nil
  meta.author = nil
  meta.date = nil
  meta['riskmap-words'] = nil
  return pandoc.Pandoc(out, meta)
end
