"""How staff type and read times in the admin: "9:30 am", as the clinic writes them, not
"09:30:00". The first input format is also what time boxes show and what the admin's clock
("Now", "6 p.m.") fills in; 24-hour times are still understood."""

TIME_INPUT_FORMATS = ["%I:%M %p", "%I %p", "%I:%M%p", "%I%p", "%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I %p",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
]
