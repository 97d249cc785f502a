#ifndef TRESOR_COPENSSL_SHIM_H
#define TRESOR_COPENSSL_SHIM_H

// The parts of libcrypto that TresorCrypto uses. Every function used is callable from Swift
// directly; this header only gathers the includes.
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#endif
