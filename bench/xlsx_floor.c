/* The floor of an .xlsx deliverable: libxlsxwriter alone writing the same
 * workbook, in constant-memory mode as riskmap does, from the plain list of
 * its cells that xlsx_cells.py made (see there for the records).
 *
 * usage: xlsx_floor CELLS.tsv OUT.xlsx
 * build: cc -O2 -o xlsx_floor xlsx_floor.c -lxlsxwriter
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 10
#define MAX_FORMATS 256

static lxw_format *formats[MAX_FORMATS];

/* Splits a line at its tabs, in place, and undoes the escapes of each field. */
static int split(char *line, char **fields) {
  int count = 0;
  char *out = line;
  fields[count++] = out;
  for (char *in = line; *in && *in != '\n'; ++in) {
    if (*in == '\t') {
      *out++ = '\0';
      if (count == MAX_FIELDS) break;
      fields[count++] = out;
    } else if (*in == '\\' && in[1]) {
      ++in;
      *out++ = *in == 't' ? '\t' : *in == 'n' ? '\n' : *in;
    } else {
      *out++ = *in;
    }
  }
  *out = '\0';
  return count;
}

static lxw_format *format_of(const char *id) {
  const int at = atoi(id);
  return at > 0 && at < MAX_FORMATS ? formats[at] : NULL;
}

static void check(lxw_error error, const char *what) {
  if (error == LXW_NO_ERROR) return;
  fprintf(stderr, "xlsx_floor: %s: %s\n", what, lxw_strerror(error));
  exit(1);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: xlsx_floor CELLS.tsv OUT.xlsx\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "r");
  if (!in) {
    perror(argv[1]);
    return 1;
  }
  lxw_workbook_options options = {.constant_memory = LXW_TRUE};
  lxw_workbook *book = workbook_new_opt(argv[2], &options);
  lxw_worksheet *sheet = NULL;
  char *line = NULL, *f[MAX_FIELDS];
  size_t room = 0;
  while (getline(&line, &room, in) > 0) {
    const int n = split(line, f);
    const char kind = f[0][0];
    if (kind == 'F' && n == 9) {
      lxw_format *format = workbook_add_format(book);
      if (strcmp(f[2], "-")) {
        format_set_bg_color(format, (lxw_color_t)strtoul(f[2], NULL, 16));
        format_set_pattern(format, LXW_PATTERN_SOLID);
      }
      if (strcmp(f[3], "-")) format_set_font_color(format, (lxw_color_t)strtoul(f[3], NULL, 16));
      if (atoi(f[4])) format_set_bold(format);
      if (atoi(f[5])) format_set_italic(format);
      if (atoi(f[6])) {
        format_set_text_wrap(format);
        format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
      }
      if (atoi(f[7])) format_set_border(format, LXW_BORDER_THIN);
      if (atoi(f[8])) format_set_align(format, LXW_ALIGN_CENTER);
      const int at = atoi(f[1]);
      if (at > 0 && at < MAX_FORMATS) formats[at] = format;
    } else if (kind == 'S' && n == 2) {
      sheet = workbook_add_worksheet(book, f[1]);
      if (!sheet) check(LXW_ERROR_PARAMETER_VALIDATION, f[1]);
    } else if (!sheet) {
      fprintf(stderr, "xlsx_floor: a record before the first sheet: %s\n", f[0]);
      return 1;
    } else if (kind == 'T' && n == 5) {
      check(worksheet_write_string(sheet, atoi(f[1]), atoi(f[2]), f[4], format_of(f[3])), "a text cell");
    } else if (kind == 'N' && n == 5) {
      check(worksheet_write_number(sheet, atoi(f[1]), atoi(f[2]), atof(f[4]), format_of(f[3])),
            "a number cell");
    } else if (kind == 'K' && n == 4) {
      check(worksheet_write_blank(sheet, atoi(f[1]), atoi(f[2]), format_of(f[3])), "a blank cell");
    } else if (kind == 'M' && n == 7) {
      check(worksheet_merge_range(sheet, atoi(f[1]), atoi(f[2]), atoi(f[3]), atoi(f[4]), f[6],
                                  format_of(f[5])),
            "merged cells");
    } else if (kind == 'H' && n == 3) {
      check(worksheet_set_row(sheet, atoi(f[1]), atof(f[2]), NULL), "a row's height");
    } else if (kind == 'W' && n == 4) {
      check(worksheet_set_column(sheet, atoi(f[1]), atoi(f[2]), atof(f[3]), NULL), "a width");
    } else if (kind == 'Z' && n == 3) {
      worksheet_freeze_panes(sheet, atoi(f[1]), atoi(f[2]));
    } else if (kind == 'A' && n == 5) {
      check(worksheet_autofilter(sheet, atoi(f[1]), atoi(f[2]), atoi(f[3]), atoi(f[4])), "a filter");
    } else if (kind == 'V' && n == 6) {
      lxw_data_validation list = {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
                                  .ignore_blank = LXW_VALIDATION_ON,
                                  .dropdown = LXW_VALIDATION_ON,
                                  .show_error = LXW_VALIDATION_ON,
                                  .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
                                  .value_formula = f[5]};
      check(worksheet_data_validation_range(sheet, atoi(f[1]), atoi(f[2]), atoi(f[3]), atoi(f[4]),
                                            &list),
            "a drop-down list");
    } else {
      fprintf(stderr, "xlsx_floor: a record not understood: %s (%d fields)\n", f[0], n);
      return 1;
    }
  }
  free(line);
  fclose(in);
  check(workbook_close(book), argv[2]);
  return 0;
}
