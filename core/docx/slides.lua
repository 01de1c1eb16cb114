-- How riskmap lays a deck out for pandoc's slides (pptx): one title slide,
-- made by pandoc from the metadata; slides that fit, at most seven bullets
-- or paragraphs and twelve lines of text each, longer content going on to
-- slides of the same title marked as continued, shared evenly between
-- them; a quotation on a slide becomes the speaker's notes of that slide.
-- A deck's Markdown (the training deliverables) starts its slides at
-- level-1 headings and separates them by rules.

local stringify = pandoc.utils.stringify

-- What the body of a slide of riskmap's slide master (core/docx/deck/:
-- 16:9, a body 12.1 in wide and 5.3 in high, 20 pt Arial) holds with room
-- to spare: lines of 88 characters (90 to 96 fit, fewer in bold), twelve
-- of them with the space above seven paragraphs (fourteen would fill it).
local max_blocks = 7
local max_lines = 12
local chars_per_line = 88

local function field(meta, name)
  if meta[name] == nil then return nil end
  local text = stringify(meta[name])
  if text == '' then return nil end
  return text
end

-- The lines a text takes on a slide, its words wrapped as PowerPoint
-- wraps them (a word longer than a line is broken).
local function text_lines(text)
  local count, used = 1, 0
  for word in text:gmatch('%S+') do
    local length = utf8.len(word) or #word
    if used > 0 and used + 1 + length > chars_per_line then
      count, used = count + 1, 0
    end
    if used > 0 then used = used + 1 end
    used = used + length
    while used > chars_per_line do
      count, used = count + 1, used - chars_per_line
    end
  end
  return count
end

-- The lines blocks take: a list's items each start a line, an image fills
-- its slide.
local function lines(blocks)
  local count = 0
  for _, block in ipairs(blocks) do
    if (block.t == 'Para' or block.t == 'Plain') and #block.content == 1 and
        block.content[1].t == 'Image' then
      count = count + max_lines
    elseif block.t == 'BulletList' or block.t == 'OrderedList' then
      for _, item in ipairs(block.content) do count = count + lines(item) end
    else
      count = count + text_lines(stringify(block))
    end
  end
  return count
end

-- A list item, or another block, with the lines it takes.
local function pieces_of(body)
  local pieces = {}
  for _, block in ipairs(body) do
    if block.t == 'BulletList' or block.t == 'OrderedList' then
      for i, item in ipairs(block.content) do
        table.insert(pieces, {list = block, index = i, item = item, lines = lines(item)})
      end
    else
      table.insert(pieces, {block = block, lines = lines({block})})
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

-- The pieces in order on slides of at most `lines` lines and `blocks`
-- pieces each (a piece larger than a slide has one of its own).
local function pack(pieces, lines, blocks)
  local slides, current, used = {}, {}, 0
  for _, piece in ipairs(pieces) do
    if #current > 0 and (used + piece.lines > lines or #current + 1 > blocks) then
      table.insert(slides, current)
      current, used = {}, 0
    end
    table.insert(current, piece)
    used = used + piece.lines
  end
  if #current > 0 or #slides == 0 then table.insert(slides, current) end
  return slides
end

-- As few slides as the limits allow, and the content shared evenly
-- between them, so that no continued slide holds a line or two: the
-- smallest limits that need no more slides than the largest.
local function share(pieces)
  local slides = pack(pieces, max_lines, max_blocks)
  local count = #slides
  if count == 1 then return slides end
  local lines = 0
  for _, piece in ipairs(pieces) do lines = lines + piece.lines end
  for line_limit = math.ceil(lines / count), max_lines do
    for block_limit = math.ceil(#pieces / count), max_blocks do
      local shared = pack(pieces, line_limit, block_limit)
      if #shared <= count then return shared end
    end
  end
  return slides
end

-- One slide of the deck as one or more slides that fit. The title has a
-- box of its own, two lines high, above the body.
local function fit(title, body, notes, continued)
  local out = {}
  for i, pieces in ipairs(share(pieces_of(body))) do
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
