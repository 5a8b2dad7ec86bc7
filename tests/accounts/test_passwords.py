from django.contrib.auth.hashers import make_password

import forlop.settings as real_settings


def test_real_settings_hash_with_argon2_first():
    assert real_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher")


def test_real_settings_store_new_passwords_as_argon2id(settings):
    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS
    assert make_password("et-langt-passord").startswith("argon2$argon2id$")
