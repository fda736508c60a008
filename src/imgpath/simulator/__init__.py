"""The law simulator: a hypothetical route run over many profiles beside the laws in force.

From a notebook::

    from imgpath.simulator import derive, prepare, simulate, sweep
    from imgpath.rulebook import default_rulebook

    rulebook = default_rulebook()
    route = derive("us-tn.foreign_training_license_2024",
                   {"criteria.recent_practice.params.years": 2}, rulebook=rulebook)
    result = simulate(profiles, route, as_of=date(2025, 6, 1))

A hypothetical route is never law: its id is ``hypothetical.<state>.<name>`` and every answer says
"hypothetical" (and "synthetic" for generated profiles). Pure Python, no Django: the CLI calls it
directly, and a cohort service can pass its own profiles (a list of engine ``Profile``). This package
is the simulator's public face: interfaces import from here, never from its modules.
"""

from imgpath.simulator.profiles import ProfileList, load_profiles, profiles_from_data
from imgpath.simulator.routes import (
    CHANGES,
    Hypothetical,
    derive,
    hypothetical_from_text,
    hypothetical_id,
    load_hypothetical,
    parse_change,
)
from imgpath.simulator.run import (
    QUALIFYING,
    READS,
    VERDICTS,
    Cohort,
    CriterionChange,
    ProfileChange,
    Simulation,
    Sweep,
    criterion_changes,
    derived_rulebook,
    fields_read,
    prepare,
    simulate,
    sweep,
)
from imgpath.simulator.serialize import simulation_json, sweep_json

__all__ = [
    "CHANGES",
    "QUALIFYING",
    "READS",
    "VERDICTS",
    "Cohort",
    "CriterionChange",
    "Hypothetical",
    "ProfileChange",
    "ProfileList",
    "Simulation",
    "Sweep",
    "criterion_changes",
    "derive",
    "derived_rulebook",
    "fields_read",
    "hypothetical_from_text",
    "hypothetical_id",
    "load_hypothetical",
    "load_profiles",
    "parse_change",
    "prepare",
    "profiles_from_data",
    "simulate",
    "simulation_json",
    "sweep",
    "sweep_json",
]
