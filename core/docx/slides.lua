-- How riskmap lays a deck out for pandoc's slides (pptx): one title slide,
-- made by pandoc from the metadata; slides that fit, at most seven bullets
-- and about eight lines of text each, longer content going on to slides of
-- the same title marked as continued; a quotation on a slide becomes the
-- speaker's notes of that slide. The deck's Markdown is the training
-- deliverable: slides start at level-1 headings and are separated by rules.

local stringify = pandoc.utils.stringify

local max_items = 7
local max_lines = 8
local chars_per_line = 46

local function field(meta, name)
  if meta[name] == nil then return nil end
  local text = stringify(meta[name])
  if text == '' then return nil end
  return text
end

-- The lines a text takes on a slide, as far as its length tells.
local function text_lines(text)
  return math.max(1, math.ceil((utf8.len(text) or #text) / chars_per_line))
end

-- The lines a block other than a list takes: an image fills its slide.
local function lines(block)
  if (block.t == 'Para' or block.t == 'Plain') and #block.content == 1 and
      block.content[1].t == 'Image' then
    return max_lines
  end
  return text_lines(stringify(block))
end

-- A list item, or another block, with the lines it takes.
local function pieces_of(body)
  local pieces = {}
  for _, block in ipairs(body) do
    if block.t == 'BulletList' or block.t == 'OrderedList' then
      for i, item in ipairs(block.content) do
        table.insert(pieces, {list = block, index = i, item = item,
                              lines = text_lines(stringify(item))})
      end
    else
      table.insert(pieces, {block = block, lines = lines(block)})
    end
  end
  return pieces
end

-- The blocks of one slide: consecutive items of one list make one list
-- again; an ordered list goes on counting where the previous slide stopped.
local function blocks_of(pieces)
  local out = {}
  local list, items, first = nil, {}, 1
  local function close()
    if not list then return end
    if list.t == 'OrderedList' then
      local attrs = list.listAttributes
      table.insert(out, pandoc.OrderedList(items, pandoc.ListAttributes(
        attrs.start + first - 1, attrs.style, attrs.delimiter)))
    else
      table.insert(out, pandoc.BulletList(items))
    end
    list, items = nil, {}
  end
  for _, piece in ipairs(pieces) do
    if piece.list then
      if piece.list ~= list then
        close()
        list, first = piece.list, piece.index
      end
      table.insert(items, piece.item)
    else
      close()
      table.insert(out, piece.block)
    end
  end
  close()
  return out
end

-- One slide of the deck as one or more slides that fit: a title of two
-- lines leaves one line less for the text.
local function fit(title, body, notes, continued)
  local room = max_lines
  if title and (utf8.len(stringify(title)) or 0) > 40 then room = room - 1 end
  local slides, current, used, items = {}, {}, 0, 0
  for _, piece in ipairs(pieces_of(body)) do
    local count = piece.list and 1 or 0
    if #current > 0 and (used + piece.lines > room or items + count > max_items) then
      table.insert(slides, current)
      current, used, items = {}, 0, 0
    end
    table.insert(current, piece)
    used, items = used + piece.lines, items + count
  end
  if #current > 0 or #slides == 0 then table.insert(slides, current) end
  local out = {}
  for i, pieces in ipairs(slides) do
    local heading = title and title:clone() or pandoc.Header(1, {})
    if i > 1 then
      table.insert(heading.content, pandoc.Space())
      table.insert(heading.content, pandoc.Str(continued))
    end
    table.insert(out, heading)
    for _, block in ipairs(blocks_of(pieces)) do table.insert(out, block) end
    if #notes > 0 then table.insert(out, pandoc.Div(notes, pandoc.Attr('', {'notes'}))) end
  end
  return out
end

function Pandoc(doc)
  local meta = doc.meta
  local words = meta['riskmap-words'] or {}
  local continued = field(words, 'continued') or '(continued)'
  local title = field(meta, 'title')
  local blocks = doc.blocks
  local start = 1
  -- The deck's first slide repeats what pandoc's title slide shows.
  if #blocks > 0 and blocks[1].t == 'Header' and blocks[1].level == 1 and
      stringify(blocks[1].content) == title then
    start = #blocks + 1
    for i, block in ipairs(blocks) do
      if block.t == 'HorizontalRule' then
        start = i + 1
        break
      end
    end
    if start > #blocks then start = 2 end
  end
  local out = {}
  local heading, body, notes = nil, {}, {}
  local function flush()
    if heading or #body > 0 then
      for _, block in ipairs(fit(heading, body, notes, continued)) do table.insert(out, block) end
    end
    heading, body, notes = nil, {}, {}
  end
  for i = start, #blocks do
    local block = blocks[i]
    if block.t == 'Header' and block.level == 1 then
      flush()
      heading = block
    elseif block.t == 'HorizontalRule' then
      flush()
    elseif block.t == 'BlockQuote' then
      for _, inner in ipairs(block.content) do table.insert(notes, inner) end
    else
      table.insert(body, block)
    end
  end
  flush()
  -- The title slide: the deck's title, the client, the date in long form.
  meta.subtitle = meta.client
  meta.date = words['date-value'] or meta.date
  meta.author = nil
  meta['riskmap-words'] = nil
  return pandoc.Pandoc(out, meta)
end
