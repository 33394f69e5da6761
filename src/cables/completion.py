"""Shell completion for `cables`: scripts for bash, zsh and fish, read off the argument parser.

Generated from the parser itself, so a new subcommand or option completes without
changes here. An argument may list the words it completes to in a `completer` attribute.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
#: Metavars of values that are files or folders.
PATH_METAVARS = frozenset({"DIR", "PATH", "FILE", "RNG"})


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    takes_value: bool
    words: tuple[str, ...]  # the values it completes to, if a closed list
    is_path: bool


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Option, ...]
    words: tuple[str, ...]  # completions of its positional arguments
    paths: bool  # whether its positional arguments are files or folders


def _is_path(action: argparse.Action) -> bool:
    return action.type is Path or (action.metavar or "") in PATH_METAVARS


def _option(action: argparse.Action) -> Option:
    return Option(
        tuple(action.option_strings),
        " ".join((action.help or "").split()).replace("%(default)s", str(action.default)),
        action.nargs != 0,
        tuple(str(choice) for choice in (action.choices or getattr(action, "completer", ()))),
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
                positionals = [a for a in subparser._actions if not a.option_strings]
                commands.append(
                    Command(
                        name,
                        helps.get(name, ""),
                        tuple(_option(a) for a in subparser._actions if a.option_strings),
                        tuple(
                            str(word)
                            for a in positionals
                            for word in (a.choices or getattr(a, "completer", ()))
                        ),
                        any(_is_path(a) for a in positionals),
                    )
                )
        elif action.option_strings:
            options.append(_option(action))
    return tuple(options), tuple(commands)


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


def _bash(options: tuple[Option, ...], commands: tuple[Command, ...]) -> str:
    # What follows an option depends on the command: `new --from` takes a name, `init
    # --from` a folder. Patterns on "<command> <previous word>"; global options anywhere.
    valued = {
        f'*" {flag}"': option for option in options if option.takes_value for flag in option.flags
    }
    valued.update(
        {
            f'"{command.name} {flag}"': option
            for command in commands
            for option in command.options
            if option.takes_value
            for flag in option.flags
        }
    )
    global_flags = [flag for option in options for flag in option.flags]
    global_valued = [flag for option in options if option.takes_value for flag in option.flags]
    lines = [
        '# bash completion for cables: eval "$(cables completion bash)" in ~/.bashrc',
        "_cables() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local command="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
    ]
    if global_valued:
        lines.append(f"            {'|'.join(global_valued)}) ((i++)) ;;")
    lines += [
        "            -*) ;;",
        '            *) command="${COMP_WORDS[i]}"; break ;;',
        "        esac",
        "    done",
        '    case "$command $prev" in',
    ]
    for pattern, option in sorted(valued.items()):
        if option.words:
            reply = f'COMPREPLY=($(compgen -W "{" ".join(option.words)}" -- "$cur"))'
        elif option.is_path:
            reply = 'COMPREPLY=($(compgen -f -- "$cur"))'
        else:
            reply = "COMPREPLY=()"
        lines.append(f"        {pattern}) {reply}; return ;;")
    lines += ["    esac", '    case "$command" in']
    names = " ".join(command.name for command in commands)
    lines.append(
        f'        "") COMPREPLY=($(compgen -W "{" ".join(global_flags)} {names}" -- "$cur")) ;;'
    )
    for command in commands:
        flags = " ".join(flag for option in command.options for flag in option.flags)
        if command.paths:
            rest = 'COMPREPLY=($(compgen -f -- "$cur"))'
        else:
            rest = f'COMPREPLY=($(compgen -W "{" ".join(command.words)}" -- "$cur"))'
        lines.append(
            f'        {command.name}) if [[ "$cur" == -* ]]; then '
            f'COMPREPLY=($(compgen -W "{flags}" -- "$cur")); else {rest}; fi ;;'
        )
    lines += ["    esac", "}", "complete -o filenames -F _cables cables", ""]
    return "\n".join(lines)


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
