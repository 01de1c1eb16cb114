// The completion scripts. Each hands the words typed so far to
// `riskmap __complete -- WORD...`, which prints a first line saying what to
// offer (`words`, `files` or `folders`) and, for words, one suggestion a
// line, a tab before its description. So the scripts never change when
// commands do, and the ones installed stay right for a newer riskmap.
#include "completion.hpp"

namespace riskmap::cli {

namespace {

constexpr std::string_view bash_script = R"(# bash completion for riskmap (riskmap completion bash)
_riskmap() {
    local -a words=() lines=()
    local i word current=${COMP_WORDS[COMP_CWORD]}
    # bash splits --option=value at '=': riskmap reads the pieces joined.
    for ((i = 1; i <= COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]//\\ / }
        if ((${#words[@]} > 0)) && [[ $word == "=" || ${words[-1]} == -*= ]]; then
            words[-1]+=$word
        else
            words+=("$word")
        fi
    done
    [[ $current == "=" ]] && current=
    local program=${COMP_WORDS[0]}
    [[ $program == "~/"* ]] && program=$HOME/${program#"~/"}
    mapfile -t lines < <("$program" __complete -- "${words[@]}" 2>/dev/null)
    COMPREPLY=()
    case ${lines[0]-} in
    files)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$current")
        ;;
    folders)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$current")
        ;;
    words)
        local line
        for line in "${lines[@]:1}"; do
            line=${line%%$'\t'*}
            # A label of several words goes in as one word.
            line=${line//\\/\\\\}
            line=${line// /\\ }
            line=${line//\'/\\\'}
            line=${line//\"/\\\"}
            COMPREPLY+=("$line")
        done
        ;;
    esac
}
complete -F _riskmap riskmap
)";

constexpr std::string_view zsh_script = R"(#compdef riskmap
# zsh completion for riskmap (riskmap completion zsh)
_riskmap() {
  local -a lines suggestions
  local line
  lines=("${(@f)$(${~words[1]} __complete -- "${(@Q)words[2,CURRENT]}" 2>/dev/null)}")
  case ${lines[1]} in
    files) _files ;;
    folders) _files -/ ;;
    words)
      for line in "${(@)lines[2,-1]}"; do
        if [[ $line == *$'\t'* ]]; then
          suggestions+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
        else
          suggestions+=("${line//:/\\:}")
        fi
      done
      [[ ${words[CURRENT]} == --*=* ]] && compset -P '*='
      _describe -t values value suggestions
      ;;
  esac
}
# Autoloaded from $fpath, this file completes; sourced, it registers itself.
if [[ ${funcstack[1]} == _riskmap ]]; then
  _riskmap "$@"
else
  compdef _riskmap riskmap
fi
)";

constexpr std::string_view fish_script = R"(# fish completion for riskmap (riskmap completion fish)
function __riskmap_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l lines (command $words[1] __complete -- $words[2..] $current 2>/dev/null)
    switch "$lines[1]"
        case files
            __fish_complete_path $current
        case folders
            __fish_complete_directories $current
        case words
            # --option=value: the suggestion replaces the whole word.
            set -l head (string match -r -- '^--[^=]*=' $current)
            for line in $lines[2..]
                printf '%s%s\n' $head $line
            end
    end
end
complete -c riskmap -f -a '(__riskmap_complete)'
)";

}  // namespace

std::string_view completion_script(std::string_view shell) {
  if (shell == "bash") return bash_script;
  if (shell == "fish") return fish_script;
  if (shell == "zsh") return zsh_script;
  return {};
}

std::vector<std::string> completion_shells() {
  return {"bash", "fish", "zsh"};
}

}  // namespace riskmap::cli
