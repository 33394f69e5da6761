"""Shell completion for `cables`: scripts for bash, zsh and fish, read off the argument parser.

Generated from the parser itself, so a new subcommand or option completes without
changes here. An argument without choices may list the words it completes to
(`complete_with`).
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
#: Metavars of values that are files or folders.
PATH_METAVARS = frozenset({"DIR", "PATH", "FILE", "RNG"})


@dataclass(frozen=True)
class Option:
    """An option as completion needs it: its flags, help, and what value it takes."""

    flags: tuple[str, ...]
    help: str
    takes_value: bool
    words: tuple[str, ...]  # the values it completes to, if a closed list
    is_path: bool


@dataclass(frozen=True)
class Command:
    """A subcommand as completion needs it: its name, help, options and arguments."""

    name: str
    help: str
    options: tuple[Option, ...]
    words: tuple[str, ...]  # completions of its positional arguments
    paths: bool  # whether its positional arguments are files or folders


def _is_path(action: argparse.Action) -> bool:
    return action.type is Path or (action.metavar or "") in PATH_METAVARS


#: The attribute of an argument that lists the words it completes to (`complete_with`).
_COMPLETER = "completer"


def complete_with(action: argparse.Action, words: Iterable[str]) -> None:
    """Have shell completion offer `words` for the argument `action`: for one without
    argparse's `choices`, whose values the command checks itself (with a hint)."""
    setattr(action, _COMPLETER, tuple(words))


def _words(action: argparse.Action) -> tuple[str, ...]:
    """The closed list of values an argument completes to: its choices or its completer."""
    words: Iterable[object] = getattr(action, _COMPLETER, ())
    return tuple(str(word) for word in action.choices or words)


def _option(action: argparse.Action) -> Option:
    return Option(
        tuple(action.option_strings),
        " ".join((action.help or "").split()).replace("%(default)s", str(action.default)),
        action.nargs != 0,
        _words(action),
        _is_path(action),
    )


def describe(parser: argparse.ArgumentParser) -> tuple[tuple[Option, ...], tuple[Command, ...]]:
    """The global options and the subcommands of `parser`, as completion needs them."""
    options = []
    commands = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, subparser in action.choices.items():
                commands.append(_command(name, helps.get(name, ""), subparser))
        elif action.option_strings:
            options.append(_option(action))
    return tuple(options), tuple(commands)


def _command(name: str, summary: str, parser: argparse.ArgumentParser) -> Command:
    positionals = [action for action in parser._actions if not action.option_strings]
    return Command(
        name,
        summary,
        tuple(_option(action) for action in parser._actions if action.option_strings),
        tuple(word for action in positionals for word in _words(action)),
        any(_is_path(action) for action in positionals),
    )


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The script that teaches `shell` to complete `cables`."""
    options, commands = describe(parser)
    if shell == "fish":
        return _fish(options, commands)
    script = _bash(options, commands)
    if shell == "zsh":
        # zsh runs bash completion functions through its bashcompinit layer.
        return (
            "#compdef cables\n"
            '# zsh completion for cables: eval "$(cables completion zsh)" in ~/.zshrc\n'
            "autoload -U +X compinit && compinit\n"
            "autoload -U +X bashcompinit && bashcompinit\n" + script
        )
    return script


_BASH_FILES = 'COMPREPLY=($(compgen -f -- "$cur"))'


def _bash(options: tuple[Option, ...], commands: tuple[Command, ...]) -> str:
    lines = [
        '# bash completion for cables: eval "$(cables completion bash)" in ~/.bashrc',
        "_cables() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local command="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
    ]
    # The command is the first word that is neither an option nor a global option's value.
    global_valued = _value_flags(options)
    if global_valued:
        lines.append(f"            {'|'.join(global_valued)}) ((i++)) ;;")
    lines += [
        "            -*) ;;",
        '            *) command="${COMP_WORDS[i]}"; break ;;',
        "        esac",
        "    done",
        '    case "$command $prev" in',
    ]
    for pattern, option in sorted(_bash_valued(options, commands).items()):
        lines.append(f"        {pattern}) {_bash_value(option)}; return ;;")
    lines += ["    esac", '    case "$command" in']
    global_flags = " ".join(flag for option in options for flag in option.flags)
    names = " ".join(command.name for command in commands)
    lines.append(f'        "") COMPREPLY=($(compgen -W "{global_flags} {names}" -- "$cur")) ;;')
    lines += [_bash_command(command) for command in commands]
    lines += ["    esac", "}", "complete -o filenames -F _cables cables", ""]
    return "\n".join(lines)


def _value_flags(options: tuple[Option, ...]) -> list[str]:
    return [flag for option in options if option.takes_value for flag in option.flags]


def _bash_valued(options: tuple[Option, ...], commands: tuple[Command, ...]) -> dict[str, Option]:
    """The options that take a value, by the pattern on "<command> <previous word>" that
    completes it: what follows an option depends on the command (`new --from` takes a
    name, `init --from` a folder); global options are matched after any command."""
    valued = {
        f'*" {flag}"': option for option in options if option.takes_value for flag in option.flags
    }
    for command in commands:
        valued.update(
            {
                f'"{command.name} {flag}"': option
                for option in command.options
                if option.takes_value
                for flag in option.flags
            }
        )
    return valued


def _bash_value(option: Option) -> str:
    """What completes the value of `option`: its words, file names, or nothing."""
    if option.words:
        return f'COMPREPLY=($(compgen -W "{" ".join(option.words)}" -- "$cur"))'
    if option.is_path:
        return _BASH_FILES
    return "COMPREPLY=()"


def _bash_command(command: Command) -> str:
    """The case of one command: its options after a dash, else its arguments."""
    flags = " ".join(flag for option in command.options for flag in option.flags)
    if command.paths:
        rest = _BASH_FILES
    else:
        rest = f'COMPREPLY=($(compgen -W "{" ".join(command.words)}" -- "$cur"))'
    return (
        f'        {command.name}) if [[ "$cur" == -* ]]; then '
        f'COMPREPLY=($(compgen -W "{flags}" -- "$cur")); else {rest}; fi ;;'
    )


def _fish_option(option: Option, condition: str) -> str:
    parts = ["complete -c cables", "-n", shlex.quote(condition)]
    for flag in option.flags:
        parts += ["-l", flag[2:]] if flag.startswith("--") else ["-s", flag[1:]]
    if option.words:
        parts += ["-x", "-a", shlex.quote(" ".join(option.words))]
    elif option.is_path:
        parts += ["-r", "-F"]
    elif option.takes_value:
        parts += ["-x"]
    if option.help:
        parts += ["-d", shlex.quote(option.help)]
    return " ".join(parts)


def _fish(options: tuple[Option, ...], commands: tuple[Command, ...]) -> str:
    lines = [
        "# fish completion for cables: cables completion fish > "
        "~/.config/fish/completions/cables.fish",
        "complete -c cables -f",
    ]
    lines += [_fish_option(option, "__fish_use_subcommand") for option in options]
    for command in commands:
        lines.append(
            f"complete -c cables -n __fish_use_subcommand -a {command.name} "
            f"-d {shlex.quote(command.help)}"
        )
    for command in commands:
        condition = f"__fish_seen_subcommand_from {command.name}"
        lines += [_fish_option(option, condition) for option in command.options]
        if command.words:
            lines.append(
                f"complete -c cables -n {shlex.quote(condition)} "
                f"-a {shlex.quote(' '.join(command.words))}"
            )
        if command.paths:
            lines.append(f"complete -c cables -n {shlex.quote(condition)} -F")
    return "\n".join(lines) + "\n"
