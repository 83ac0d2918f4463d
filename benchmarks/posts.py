"""Deterministic realistic posts and replies for benchmarks (no corpus file needed)."""

from __future__ import annotations

import random

FIRST = ["Maria", "Jessica", "Tom", "Liam", "Jenna", "Linda", "Omar", "Priya", "Rosa", "Derek", "Aaliyah", "Chen", "Noah", "Grace", "Luis"]
LAST = ["Gonzalez", "Becker", "Nguyen", "Okafor", "Smith", "Patel", "Romero", "Kowalski", "Hughes", "Tran"]
# (kind, template): social posts and blogs of a practice, and its replies to online reviews
TEMPLATES = [
    ("post", "Congrats to {first} {last} on finishing her last round of chemo! We are so proud of you 🎉 #cancerfree"),
    ("post", "Flu shots are here! Walk in Monday to Friday, 8 to 5, or call us at (520) 555-0142 to book. No appointment needed for adults 65+."),
    ("reply", "Thanks {first}, we're glad your visit went well and we'll see you at your next cleaning!"),
    ("post", "Meet Dr. {first} {last}, our new pediatric dentist! She loves hiking, tacos and tiny teeth. Say hi at your next visit."),
    ("post", "Did you know 1 in 10 adults lives with diabetes? Ask your provider about an A1c test at your yearly checkup."),
    ("post", "Happy 94th birthday to our favorite patient, {first}! Thanks for 30 years of trusting us with your smile."),
    ("reply", "Privacy law prevents us from discussing anyone's care. Please call our office so we can help: (520) 555-0142."),
    ("post", "Our patient {first} came in on March {day} for a root canal and left pain free. Member ID XJH{num} on file."),
    ("post", "Join us Saturday Oct {day} for our free community health fair at 200 Oak Street. Blood pressure checks, kids' games and more!"),
    ("reply", "{first_l} thx for the review!! hope the new crown feels great, call 520-555-{num4} if anything bugs you 😊"),
    ("post", "Reminder: our office is closed Nov 27 for Thanksgiving. Emergencies: call our on-call line. In crisis, call or text 988."),
    ("post", "Support our friend {first} {last} at gofundme.com/f/help-{first_l}-heal after her knee replacement 💙 @{first_l}.{last_l}"),
]


def make_items(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """`n` (text, kind) pairs, the same for the same `n` and `seed`."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        kind, t = TEMPLATES[i % len(TEMPLATES)]
        text = t.format(
            first=first, last=last, first_l=first.lower(), last_l=last.lower(),
            day=rng.randint(1, 28), num=rng.randint(10_000_000, 99_999_999), num4=rng.randint(1000, 9999),
        )
        out.append((text, kind))
    return out


def make_posts(n: int, seed: int = 7) -> list[str]:
    """The texts of make_items."""
    return [text for text, _ in make_items(n, seed)]
